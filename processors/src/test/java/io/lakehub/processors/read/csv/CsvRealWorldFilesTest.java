package io.lakehub.processors.read.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.read.BadRow;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.ReadResults;
import io.lakehub.processors.read.ValueMismatchException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 7: the CSV files users actually have, read the way DuckDB reads them. */
class CsvRealWorldFilesTest {
    @TempDir
    Path dir;

    // ---- empty results

    @Test
    void aHeaderOnlyFileHasItsColumnsAndNoRows() throws IOException {
        Read r = read(write("ho.csv", "id,name,born\n"), ReadOptions.detect());
        assertThat(r.names()).containsExactly("id", "name", "born");
        assertThat(r.types()).containsOnly(LakeType.STRING);
        assertThat(r.rows).isEmpty();

        ReadOptions typed = ReadOptions.detect().withTypeOverrides(Map.of("id", LakeType.BIGINT));
        Read t = read(write("ho2.csv", "id,name\r\n"), typed);
        assertThat(t.types()).containsExactly(LakeType.BIGINT, LakeType.STRING);
        assertThat(t.rows).isEmpty();
    }

    @Test
    void emptyAndWhitespaceOnlyFilesHaveNoColumnsAndNoRows() throws IOException {
        for (String content : List.of("", "\n\n\r\n", "   \n\t\n")) {
            Read r = read(write("e.csv", content), ReadOptions.detect());
            assertThat(r.names()).as("%s", content.length()).isEmpty();
            assertThat(r.rows).isEmpty();
            assertThat(r.hash).startsWith("sha256:");
        }
        Path bomOnly = dir.resolve("bom-only.csv");
        Files.write(bomOnly, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertThat(read(bomOnly, ReadOptions.detect()).names()).isEmpty();
        assertThat(read(write("c.csv", "# only a comment\n"), ReadOptions.detect())
                        .names())
                .isEmpty();
    }

    @Test
    void aOneLineFileWithoutHeaderIsOneRow() throws IOException {
        Read r = read(write("one.csv", "1,2.5,2024-01-02\n"), ReadOptions.detect());
        assertThat(r.names()).containsExactly("column0", "column1", "column2");
        assertThat(r.rows).hasSize(1);
    }

    // ---- lines before the header, comments

    @Test
    void titleLinesBeforeTheHeaderAreSkippedAndCounted() throws IOException {
        Path f = write("title.csv", "Quarterly report\nGenerated 2024-01-02 by export\n\nid,name\n1,Ann\n2,Bob\n");
        Read r = read(f, ReadOptions.detect());
        assertThat(r.names()).containsExactly("id", "name");
        assertThat(r.rows).containsExactly(List.of(1, "Ann"), List.of(2, "Bob"));
        assertThat(r.facts).containsEntry("read.linesSkipped", "2");
    }

    @Test
    void commentLinesAreSkippedAndCountedNeverTakenForTheHeader() throws IOException {
        Path f = write("c.csv", "# exported by tool\n# second comment\nid,name\n1,Ann\n# in between\n2,Bob\n");
        Read r = read(f, ReadOptions.detect());
        assertThat(r.names()).containsExactly("id", "name");
        assertThat(r.rows).containsExactly(List.of(1, "Ann"), List.of(2, "Bob"));
        assertThat(r.facts).containsEntry("read.commentLines", "3").doesNotContainKey("read.linesSkipped");

        Read oneColumn = read(write("c1.csv", "# a comment\nname\nAnn\nBob\n"), ReadOptions.detect());
        assertThat(oneColumn.names()).containsExactly("name");
        assertThat(oneColumn.rows).hasSize(2);
    }

    @Test
    void commentsMidLineAndIndentedCommentsAreLeftOutAsDuckDbDoes() throws IOException {
        Path f = write("m.csv", "# exported\na;b\n1;3#5;7\n  # indented\n6;\"7#kept\"\n8;9  # note\n");
        Read r = read(f, ReadOptions.detect());
        assertThat(r.names()).containsExactly("a", "b");
        assertThat(r.rows).containsExactly(List.of(1, "3"), List.of(6, "7#kept"), List.of(8, "9"));
        assertThat(r.facts).containsEntry("read.commentLines", "2");

        // Without comment lines, '#' is data.
        Read plain = read(write("p.csv", "a,b\nC#,1\nF#,2\n"), ReadOptions.detect());
        assertThat(plain.rows).containsExactly(List.of("C#", 1), List.of("F#", 2));
    }

    @Test
    void theCommentStripperKeepsQuotedTextAndLineBreaks() throws IOException {
        String in = "a,b\n1,\"x # \"\"y\"\" #z\" # gone\n  # whole line\n2,3   #tail\n";
        try (Reader r = new CsvCommentStripper(new java.io.StringReader(in), '#', ',', '"', '"')) {
            StringBuilder out = new StringBuilder();
            char[] b = new char[3];
            for (int n; (n = r.read(b, 0, b.length)) > 0; ) {
                out.append(b, 0, n);
            }
            assertThat(out.toString()).isEqualTo("a,b\n1,\"x # \"\"y\"\" #z\"\n# whole line\n2,3\n");
        }
    }

    @Test
    void blanksAroundQuotedFieldsAreLeftOutAsDuckDbDoes() throws IOException {
        Path f = write(
                "pad.csv",
                "\"Year\", \"Title\"\n1968,  \"Greetings\"\n1970,  \"Hi, Mom!\"  \n1971, \"Say \"\"hi\"\"\"\n");
        Read r = read(f, ReadOptions.detect());
        assertThat(r.names()).containsExactly("Year", "Title");
        assertThat(r.rows)
                .containsExactly(List.of(1968, "Greetings"), List.of(1970, "Hi, Mom!"), List.of(1971, "Say \"hi\""));

        // Blanks inside unquoted values stay.
        Read plain = read(write("b.csv", "a,b\n1, x y\n2, z\n"), ReadOptions.detect());
        assertThat(plain.rows).containsExactly(List.of(1, " x y"), List.of(2, " z"));
    }

    @Test
    void lineNumbersInRefusalsCountTheSkippedLines() throws IOException {
        Path f = write("t.csv", "Report\n\nid,name\n1,Ann\n2,Bob\n3,Cy,extra\n4,Di\n");
        assertThatThrownBy(() -> read(f, ReadOptions.detect()))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageContaining("t.csv: line 6 has 3 fields but the file has 2 columns");
    }

    // ---- dialect

    @Test
    void detectsDelimiterAndRecordsTheDialect() throws IOException {
        Read semi = read(write("s.csv", "a;b;c\n1;x,y;3\n2;z;4\n"), ReadOptions.detect());
        assertThat(semi.names()).containsExactly("a", "b", "c");
        assertThat(semi.facts)
                .containsEntry("read.delimiter", ";")
                .containsEntry("read.quote", "\"")
                .containsEntry("read.escape", "doubled")
                .containsEntry("read.charset", "UTF-8");
        Read tab = read(write("t.tsv", "a\tb\n1\tx\n"), ReadOptions.detect());
        assertThat(tab.facts).containsEntry("read.delimiter", "tab");
        Read pipe = read(write("p.csv", "a|b\n1|x\n"), ReadOptions.detect());
        assertThat(pipe.facts).containsEntry("read.delimiter", "|");
    }

    @Test
    void unquotedTsvWithQuotesInValuesReadsWithoutQuoting() throws IOException {
        // Like IMDb's title.basics: quotes inside and at the start of values, never a quoted field.
        Path f = write("titles.tsv", """
                tconst\ttitleType\tprimaryTitle\tstartYear
                tt0000001\tshort\tThe "Goon" Show\t1894
                tt0000002\tshort\t"Dexter" Marathon\t1892
                tt0000003\tmovie\tHe said "hi\t1900
                tt0000004\tmovie\tPlain\t1901
                """);
        Read r = read(f, ReadOptions.detect());
        assertThat(r.facts).containsEntry("read.quote", "none").containsEntry("read.escape", "none");
        assertThat(r.rows)
                .extracting(row -> row.get(2))
                .containsExactly("The \"Goon\" Show", "\"Dexter\" Marathon", "He said \"hi", "Plain");
    }

    @Test
    void aQuoteDeepInTheSampleStillTurnsQuotingOff() throws IOException {
        // DuckDB's titlebasicsdebug.tsv: the one title that starts with a quote is on line 2528.
        StringBuilder tsv = new StringBuilder("tconst\ttitleType\tprimaryTitle\tstartYear\n");
        for (int i = 1; i < 2527; i++) {
            tsv.append("tt").append(i).append("\tmovie\tTitle ").append(i).append("\t1940\n");
        }
        tsv.append("tt0033122\tmovie\t\"Swing it\" magistern\t1940\n");
        tsv.append("tt9\tmovie\tLast\t1941\n");
        Read r = read(write("deep.tsv", tsv.toString()), ReadOptions.detect());
        assertThat(r.facts).containsEntry("read.quote", "none");
        assertThat(r.rows).hasSize(2528);
        assertThat(r.rows.get(2526).get(2)).isEqualTo("\"Swing it\" magistern");
    }

    @Test
    void backslashEscapedQuotesAreDetected() throws IOException {
        Path f = write("bs.csv", "a,b\n\"x \\\"y\\\" z\",1\n\"p, q\",2\n\"back\\\\slash\",3\n");
        Read r = read(f, ReadOptions.detect());
        assertThat(r.facts).containsEntry("read.escape", "\\");
        assertThat(r.rows).containsExactly(List.of("x \"y\" z", 1), List.of("p, q", 2), List.of("back\\slash", 3));
    }

    @Test
    void singleQuoteQuotingIsDetected() throws IOException {
        Read r = read(write("sq.csv", "a,b\n'x, y',1\n'p',2\nO'Brien,3\n"), ReadOptions.detect());
        assertThat(r.facts).containsEntry("read.quote", "'");
        assertThat(r.rows).containsExactly(List.of("x, y", 1), List.of("p", 2), List.of("O'Brien", 3));
    }

    @Test
    void optionsTheUserGaveWinOverDetection() throws IOException {
        Path f = write("o.csv", "a;b,c\n1;2,3\n4;5,6\n");
        Read detected = read(f, ReadOptions.detect());
        assertThat(detected.names()).hasSize(2);
        Read given = read(f, new ReadOptions(null, ',', null, null, null, Map.of(), 0));
        assertThat(given.names()).containsExactly("a;b", "c");
        Read noHeader = read(f, new ReadOptions(null, null, null, null, false, Map.of(), 0));
        assertThat(noHeader.rows).hasSize(3);
    }

    // ---- header detection

    @Test
    void aFirstLineOfDataIsNotTakenForTheHeader() throws IOException {
        Read dates = read(write("d.csv", "2024-01-01\n2024-01-02\n2024-01-03\n"), ReadOptions.detect());
        assertThat(dates.names()).containsExactly("column0");
        assertThat(dates.types()).containsExactly(LakeType.DATE);
        assertThat(dates.rows).hasSize(3);

        Read names = read(write("h.csv", "day,count\n2024-01-01,3\n2024-01-02,4\n"), ReadOptions.detect());
        assertThat(names.names()).containsExactly("day", "count");

        // A header with a number-like name over a column of numbers still is a header (DuckDB's rule).
        Read year = read(write("y.csv", "name,2024\nAnn,2024-01-01\nBob,2024-02-01\n"), ReadOptions.detect());
        assertThat(year.names()).containsExactly("name", "2024");
    }

    @Test
    void aOneLineFileWithAnEmptyCellOrADateIsOneRowNotAHeader() throws IOException {
        // DuckDB: a single record is a header only when all its cells are non-empty names.
        for (String line : List.of("AAA|\n", "05/06/2019\n", "12:,12:0,12:00\n", "2.2.2;1.2.20\n")) {
            Read r = read(write("one.csv", line), ReadOptions.detect());
            assertThat(r.rows).as(line).hasSize(1);
            assertThat(r.names().get(0)).as(line).isEqualTo("column0");
        }
    }

    @Test
    void aOneLineFileOfNamesOrEmptyCellsOnlyIsAHeader() throws IOException {
        for (String line : List.of("12:0\n", "\"\"\n", "Mon 30, June 2003, 12:03:10 PM\n")) {
            Read r = read(write("one.csv", line), ReadOptions.detect());
            assertThat(r.rows).as(line).isEmpty();
        }
    }

    @Test
    void aFirstRowOfDatesInAnotherNotationIsData() throws IOException {
        Read r = read(write("tz.csv", "1/1/2020\n1/1/2020\n5/7/1995\n"), ReadOptions.detect());
        assertThat(r.names()).containsExactly("column0");
        assertThat(r.rows).hasSize(3);

        Read named = read(write("n.csv", "when\n1/1/2020\n5/7/1995\n"), ReadOptions.detect());
        assertThat(named.names()).containsExactly("when");
        assertThat(named.rows).hasSize(2);
    }

    @Test
    void overTextColumnsTheFirstRowIsTheHeaderAsInDuckDb() throws IOException {
        // Every column is text: DuckDB takes the first record for the header, even "123".
        Read r = read(write("s.csv", "123\n123\none\n123\n"), ReadOptions.detect());
        assertThat(r.names()).containsExactly("123");
        assertThat(r.rows).hasSize(3);

        // A value over a column the later rows leave empty is a name: a header.
        Read q = read(write("q.csv", "8,test,tea\n0,,test\n1,,test\n"), ReadOptions.detect());
        assertThat(q.names()).containsExactly("8", "test", "tea");
        assertThat(q.rows).hasSize(2);

        // Over text that DuckDB types (numbers in quotes or with spaces), a typed first row is data.
        Read loose = read(write("l.csv", "123,a\n\" 345\",b\n'567',c\n"), ReadOptions.detect());
        assertThat(loose.rows).hasSize(3);

        // One column, then blank lines only: DuckDB takes the value for the name of a column of nulls.
        Read blanks = read(write("b.csv", "1\n\n\n\n"), ReadOptions.detect());
        assertThat(blanks.names()).containsExactly("1");
        assertThat(blanks.rows).hasSize(3);
        // ... whereas in a file of several columns blank lines are no rows: one line is one row.
        Read wide = read(write("w.csv", "1,2\n\n\n"), ReadOptions.detect());
        assertThat(wide.rows).hasSize(1);

        // A column empty throughout (trailing delimiters) is not text: the first row stays data.
        Read trailing = read(write("t.csv", "x\\|y\\|\nx\\|y\\|\nx\\|y\\|\n"), ReadOptions.detect());
        assertThat(trailing.rows).hasSize(3);

        // A first row of empty cells is a header.
        Read empty = read(write("e.csv", ",,\n1,a,b\n2,c,d\n"), ReadOptions.detect());
        assertThat(empty.names()).containsExactly("column0", "column1", "column2");
        assertThat(empty.rows).hasSize(2);

        // A first row that fits typed columns stays data.
        Read d = read(write("d.csv", "1,a\n2,b\n3,c\n"), ReadOptions.detect());
        assertThat(d.names()).containsExactly("column0", "column1");
        assertThat(d.rows).hasSize(3);
    }

    @Test
    void columnsWithoutHeaderAreNamedAsDuckDbNamesThem() {
        assertThat(CsvBatchReader.numberedNames(3)).containsExactly("column0", "column1", "column2");
        assertThat(CsvBatchReader.numberedNames(12))
                .startsWith("column00", "column01")
                .endsWith("column11");
    }

    // ---- bad rows and blank lines

    @Test
    void raggedRowsGoToTheHandlerAndTheGoodRowsLand() throws IOException {
        Path f = write("r.csv", "id,name\n1,Ann\n2,Bob,extra\n3\n4,\"Multi\nline\"\n5,Eve\n");
        List<BadRow> bad = new ArrayList<>();
        Read r = read(f, ReadOptions.detect(), bad);
        assertThat(r.rows).containsExactly(List.of(1, "Ann"), List.of(4, "Multi\nline"), List.of(5, "Eve"));
        assertThat(bad).extracting(BadRow::line).containsExactly(3L, 4L);
        assertThat(bad.get(0).raw()).isEqualTo("2,Bob,extra");
        assertThat(bad.get(0).reason()).isEqualTo("the row has 3 fields but the file has 2 columns");
        assertThat(bad.get(1).raw()).isEqualTo("3");
        assertThat(r.facts).containsEntry("read.badRows", "2");
    }

    @Test
    void aBadRowRollsBackItsCellsInEveryColumnType() throws IOException {
        Path f = write("rb.csv", "id,name,day\n1,Ann,2024-01-01\n2,Bob,2024-01-02,x\n3,,\n");
        Read r = read(f, ReadOptions.detect(), new ArrayList<>());
        assertThat(r.rows).hasSize(2);
        assertThat(r.rows.get(1)).containsExactly(3, null, null);
    }

    @Test
    void aValueThatDoesNotFitItsTypeOverrideIsABadRow() throws IOException {
        Path f = write("v.csv", "id,amount\n1,10\n2,ten\n3,30\n");
        ReadOptions typed = ReadOptions.detect().withTypeOverrides(Map.of("amount", LakeType.BIGINT));
        List<BadRow> bad = new ArrayList<>();
        Read r = read(f, typed, bad);
        assertThat(r.rows).containsExactly(List.of(1, 10L), List.of(3, 30L));
        assertThat(bad).singleElement().satisfies(b -> {
            assertThat(b.line()).isEqualTo(3);
            assertThat(b.reason()).isEqualTo("column 'amount': value is not a valid bigint");
            assertThat(b.raw()).isEqualTo("2,ten");
        });
        // Without a handler, the refusal of today (on_bad_rows: fail).
        assertThatThrownBy(() -> read(f, typed))
                .isInstanceOf(ValueMismatchException.class)
                .hasMessageContaining("v.csv: line 3, column 'amount'");
    }

    @Test
    void blankLinesAreNullRowsInAOneColumnFileAndSkippedOtherwise() throws IOException {
        Read one = read(write("b1.csv", "name\nAnn\n\nBob\n"), ReadOptions.detect());
        assertThat(one.rows).containsExactly(List.of("Ann"), Arrays.asList((Object) null), List.of("Bob"));
        Read two = read(write("b2.csv", "a,b\n1,2\n\n3,4\n"), ReadOptions.detect());
        assertThat(two.rows).hasSize(2);
    }

    // ---- encodings

    @Test
    void aFileThatIsNotUtf8HasItsCharsetDetectedAndRecorded() throws IOException {
        String text = "name,city,note\n" + "Zoë,Malmö,café crème\n".repeat(20) + "François,Besançon,déjà vu\n";
        Path f = write("latin.csv", text, Charset.forName("windows-1252"));
        Read r = read(f, ReadOptions.detect());
        assertThat(r.facts.get("read.charset")).isIn("ISO-8859-1", "windows-1252");
        assertThat(r.rows.get(0)).containsExactly("Zoë", "Malmö", "café crème");
        assertThat(r.rows).hasSize(21);
    }

    @Test
    void utf16WithAndWithoutBomReads() throws IOException {
        String text = "id,name\n1,Zoë\n2,Bob\n";
        for (Charset cs : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            Path plain = write("u16.csv", text, cs);
            assertThat(read(plain, ReadOptions.detect()).rows).containsExactly(List.of(1, "Zoë"), List.of(2, "Bob"));
            Path bom = write("u16bom.csv", "\uFEFF" + text, cs);
            assertThat(read(bom, ReadOptions.detect()).rows).containsExactly(List.of(1, "Zoë"), List.of(2, "Bob"));
        }
    }

    @Test
    void aCharsetThatCannotBeDetectedIsRefusedNamingTheFile() throws IOException {
        byte[] noise = new byte[64];
        new java.util.Random(7).nextBytes(noise);
        noise[0] = (byte) 0xC3; // never valid UTF-8 start for what follows
        noise[1] = (byte) 0x28;
        Path f = dir.resolve("noise.csv");
        Files.write(f, noise);
        assertThatThrownBy(() -> read(f, ReadOptions.detect()))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageContaining("noise.csv: the file is not valid UTF-8 and its charset could not be detected")
                .hasMessageContaining("nothing was written")
                .hasMessageContaining("--charset");
    }

    // ---- helpers

    // ---- conformance pass 3: one-column files, header names with control characters, stray quotes

    @Test
    void aFileNoDelimiterSplitsIsOneColumnOfWholeLines() throws IOException {
        // DuckDB's decimal_separators/mixed_format_fail.csv: decimals with a comma or a point.
        Read r = read(write("dec.csv", "foo\n12,5\n145,00\n5.25\n"), ReadOptions.detect());
        assertThat(r.names()).containsExactly("foo");
        assertThat(r.rows).containsExactly(List.of("12,5"), List.of("145,00"), List.of("5.25"));
        assertThat(r.facts).containsEntry("read.delimiter", "none").containsEntry("read.singleColumn", "true");
        // A file that splits is not affected.
        Read table = read(write("t.csv", "a,b\n1,2\n3,4\n"), ReadOptions.detect());
        assertThat(table.names()).containsExactly("a", "b");
        assertThat(table.facts).containsEntry("read.delimiter", ",").doesNotContainKey("read.singleColumn");
    }

    @Test
    void headerNamesWithControlCharactersAreCleanedAndCounted() throws IOException {
        Read r = read(write("nul.csv", "col1|col\u00002|first\t\tname\u0007\nval1|val2|Ann\n"), ReadOptions.detect());
        assertThat(r.names()).containsExactly("col1", "col2", "first name");
        assertThat(r.rows).containsExactly(List.of("val1", "val2", "Ann"));
        assertThat(r.facts).containsEntry("read.columnNamesCleaned", "2");
        assertThat(CsvBatchReader.withoutControlCharacters("a\u0000b")).isEqualTo("ab");
        assertThat(CsvBatchReader.withoutControlCharacters("a \r\nb\u007f")).isEqualTo("a b ");
        assertThat(read(write("clean.csv", "a,b\n1,2\n"), ReadOptions.detect()).facts)
                .doesNotContainKey("read.columnNamesCleaned");
    }

    @Test
    void aTrailingDelimiterOnTheHeaderOnlyIsNoColumn() throws IOException {
        // DuckDB's locations_header_trailing_comma.csv, and with more rows.
        Read one = read(write("loc.csv", "id,name,lat,lon,\n1,name,0,0\n"), ReadOptions.detect());
        assertThat(one.names()).containsExactly("id", "name", "lat", "lon");
        assertThat(one.rows).containsExactly(List.of(1, "name", 0, 0));
        assertThat(one.facts).containsEntry("read.headerTrailingDelimiter", "dropped");
        Read more = read(write("loc2.csv", "id,name,\n1,Ann\n2,Bob\n3,Cy\n"), ReadOptions.detect());
        assertThat(more.names()).containsExactly("id", "name");
        assertThat(more.rows).hasSize(3);
        // When the rows end with the delimiter too, the last column is a column (of nulls).
        Read all = read(write("loc3.csv", "id,name,\n1,Ann,\n2,Bob,\n"), ReadOptions.detect());
        assertThat(all.names()).containsExactly("id", "name", "column2");
        assertThat(all.facts).doesNotContainKey("read.headerTrailingDelimiter");
    }

    @Test
    void quoteCharactersInAnUnquotedFileAreData() throws IOException {
        Path f = write("nq.csv", "a|b\n\"hello|world\nh'ow do you|do\"\n'I am'|\"here\"\n");
        Read r = read(f, ReadOptions.detect());
        assertThat(r.names()).containsExactly("a", "b");
        assertThat(r.rows)
                .containsExactly(
                        List.of("\"hello", "world"), List.of("h'ow do you", "do\""), List.of("'I am'", "\"here\""));
        assertThat(r.facts).containsEntry("read.quote", "none");
    }

    record Read(
            List<String> names,
            List<LakeType> types,
            List<List<Object>> rows,
            Map<String, String> facts,
            String hash) {}

    private Read read(Path f, ReadOptions options) {
        return read(f, options, null);
    }

    private Read read(Path f, ReadOptions options, List<BadRow> bad) {
        CsvBatchReader reader = new CsvBatchReader(f, options);
        if (bad != null) {
            reader.onBadRows(bad::add);
        }
        List<Map<String, Object>> maps = ReadResults.readAll(reader);
        List<String> names = reader.schema().names();
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> m : maps) {
            List<Object> row = new ArrayList<>();
            for (String n : names) {
                row.add(m.get(n));
            }
            rows.add(row);
        }
        return new Read(
                names,
                reader.schema().fields().stream().map(x -> x.type()).toList(),
                rows,
                reader.facts(),
                reader.contentHash());
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content, StandardCharsets.UTF_8);
    }

    private Path write(String name, String content, Charset charset) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, charset);
        return f;
    }
}
