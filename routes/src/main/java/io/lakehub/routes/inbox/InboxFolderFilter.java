package io.lakehub.routes.inbox;

import io.lakehub.processors.chain.PartitionColumnsStep;
import java.io.File;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Which folders the inbox's file consumer descends into: every dataset folder ({@code <inbox>/<dataset>}),
 * and below it only hive partition folders ({@code key=value}), so that {@code
 * <inbox>/sales/year=2024/month=1/part.csv} is taken while {@code <inbox>/sales/sub/x.csv} is left alone, as
 * before. Files are not filtered here (depth, dot files and temp files are the consumer's own options).
 * Instantiated by the consumer URI ({@code filter=#class:...}).
 */
public class InboxFolderFilter implements GenericFileFilter<File> {

    @Override
    public boolean accept(GenericFile<File> file) {
        if (!file.isDirectory()) {
            return true;
        }
        String relative = file.getRelativeFilePath().replace('\\', '/');
        while (relative.endsWith("/")) {
            relative = relative.substring(0, relative.length() - 1);
        }
        int slash = relative.lastIndexOf('/');
        if (slash < 0) {
            return true; // a dataset folder
        }
        return PartitionColumnsStep.parseFolder(relative.substring(slash + 1)).isPresent();
    }
}
