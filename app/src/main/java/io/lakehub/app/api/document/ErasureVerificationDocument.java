package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lakehub.catalog.erasure.ErasureVerification;
import java.util.List;

/**
 * The answer of {@code POST /api/datasets/{name}/erasures/verify}; never the value.
 *
 * @param dataset the dataset
 * @param datasets the dataset and its companions, all checked
 * @param filesScanned files read (every file the catalog records in any snapshot, and orphans)
 * @param filesContaining how many hold the value
 * @param files the files holding it: path, whether the catalog knows it, where it was found
 *     ({@code values}, {@code statistics}, {@code bytes})
 * @param catalogStatistics catalog file statistics quoting the value
 * @param pendingErasures unfinished erasures still holding the value
 * @param erased true when nothing holds the value
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ErasureVerificationDocument(
        String dataset,
        List<String> datasets,
        int filesScanned,
        int filesContaining,
        List<FileFinding> files,
        int catalogStatistics,
        int pendingErasures,
        boolean erased) {

    /** One file holding the value. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FileFinding(String path, boolean known, List<String> where) {}

    public static ErasureVerificationDocument of(ErasureVerification v) {
        return new ErasureVerificationDocument(
                v.dataset(),
                v.datasets(),
                v.filesScanned(),
                v.filesContaining().size(),
                v.filesContaining().stream()
                        .map(f -> new FileFinding(f.path(), f.known(), f.where()))
                        .toList(),
                v.catalogStatistics(),
                v.pendingErasures(),
                v.erased());
    }
}
