package io.lakehub.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's files as shipped: everything they load comes from the hub (no CDN, web font or
 * other outside URL), every module import and stylesheet resolves to a file that exists, and data
 * never goes in as HTML.
 */
class ConsoleResourcesTest {
    private static final Path STATIC = Path.of("src/main/resources/static");
    private static final Pattern OUTSIDE = Pattern.compile("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}[/\"')]");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import .* from '([^']+)';$");
    private static final Pattern LINKED = Pattern.compile("(?:src|href)=\"([^\"#:]+)\"");

    @Test
    void nothingIsLoadedFromOutsideTheHub() throws IOException {
        for (Path file : files()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(OUTSIDE.matcher(text).results().map(MatchResult::group).toList())
                    .as(file + " refers to an outside URL")
                    .isEmpty();
            assertThat(text).as(file.toString()).doesNotContain("@import", "@font-face");
        }
    }

    @Test
    void everyImportAndLinkResolvesToAShippedFile() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path file : files()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Pattern pattern = file.toString().endsWith(".js") ? IMPORT : LINKED;
            pattern.matcher(text).results().map(m -> m.group(1)).forEach(target -> {
                if (!Files.isRegularFile(file.resolveSibling(target).normalize())) {
                    missing.add(file + " -> " + target);
                }
            });
        }
        assertThat(missing).isEmpty();
        assertThat(STATIC.resolve("index.html")).isRegularFile();
    }

    @Test
    void valuesFromTheHubAreInsertedAsTextNeverAsHtml() throws IOException {
        for (Path file : files()) {
            if (file.toString().endsWith(".js")) {
                assertThat(Files.readString(file, StandardCharsets.UTF_8))
                        .as(file.toString())
                        .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
            }
        }
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(STATIC)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
