package io.lakehub.processors.read.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The sniffer and the readers it puts in front of the parser, on their own. */
class CsvSnifferTest {

    @Test
    void aCleanCommaFileIsRfc4180() {
        CsvSniffer.Result r = CsvSniffer.sniff("a,b\n1,\"x, y\"\n2,\"say \"\"hi\"\"\"\n", false, null, null);
        assertThat(r.delimiter()).isEqualTo(',');
        assertThat(r.quote()).isEqualTo('"');
        assertThat(r.escape()).isEqualTo('"');
        assertThat(r.comment()).isEqualTo((char) 0);
        assertThat(r.skipLines()).isZero();
    }

    @Test
    void aOneColumnFileSkipsNothing() {
        CsvSniffer.Result r = CsvSniffer.sniff("name\nAnn\nBob, Jr.\nCy\n", false, null, null);
        assertThat(r.skipLines()).isZero();
        // No delimiter splits the lines consistently: no delimiter at all, so "Bob, Jr." is one value.
        assertThat(r.delimiter()).isEqualTo(CsvDialect.NO_DELIMITER);
        // Without any candidate delimiter in the sample the first candidate stays (the fast path).
        assertThat(CsvSniffer.sniff("name\nAnn\nCy\n", false, null, null).delimiter())
                .isEqualTo(',');
        // A delimiter that is given is kept.
        assertThat(CsvSniffer.sniff("name\nAnn\nBob, Jr.\n", false, ',', null).delimiter())
                .isEqualTo(',');
    }

    @Test
    void aLineWithAsManyFieldsAsTheTableOrMoreIsNeverSkippedAsJunk() {
        // The header has the table's field count; a bad row after it must not turn it into "junk".
        CsvSniffer.Result sameCount = CsvSniffer.sniff("a,b\na#b\nx,y\n", false, null, null);
        assertThat(sameCount.skipLines()).isZero();
        // DuckDB's evil_nullpadding.csv: a four-field header over ragged rows is not a title line.
        CsvSniffer.Result more =
                CsvSniffer.sniff("pedro;br;nl;1.72\nmark;nl\ndiego;\"\npedro;nl;\"\n", false, null, null);
        assertThat(more.skipLines()).isZero();
        // Titles have fewer fields and are still skipped.
        assertThat(CsvSniffer.sniff("Report, 2024\nid,name,city\n1,Ann,Oslo\n2,Bob,Rome\n", false, null, null)
                        .skipLines())
                .isEqualTo(1);
    }

    @Test
    void aRaggedFileIsATableWithBadRowsOnlyWhenItsFirstLineHasTheCommonestFieldCount() {
        // The header's count is (one of) the commonest: a table whose other rows are bad rows.
        assertThat(CsvSniffer.sniff("id,name\n1,ann,x\n2\n", false, null, null).delimiter())
                .isEqualTo(',');
        assertThat(CsvSniffer.sniff("a,b,c,d\n1,2,3,4\n1,2,3,4,5\n1,2,3\n1,2,3,4\n", false, null, null)
                        .delimiter())
                .isEqualTo(',');
        // A first line without the delimiter, or one whose count most lines do not share: one column.
        assertThat(CsvSniffer.sniff("foo\n12,5\n145,00\n5.25\n", false, null, null)
                        .delimiter())
                .isEqualTo(CsvDialect.NO_DELIMITER);
        assertThat(CsvSniffer.sniff("a,b\nx\ny\nz,w,v\n", false, null, null).delimiter())
                .isEqualTo(CsvDialect.NO_DELIMITER);
    }

    @Test
    void quotesPairingAcrossLinesOfAnUnquotedFileAreNotQuoting() {
        // DuckDB's no_quote.csv: with '"' quoting, lines 2-3 are one two-line field and the rows are
        // ragged; without quoting every line has the header's two fields.
        String sample = "a|b\n\"hello|world\nh'ow do you|do\"\n'I am'|\"here\"\n";
        CsvSniffer.Result r = CsvSniffer.sniff(sample, false, null, null);
        assertThat(r.delimiter()).isEqualTo('|');
        assertThat(r.quote()).isEqualTo(CsvDialect.NO_QUOTE);
        assertThat(r.skipLines()).isZero();
        // A real quoted line break keeps the quoting: without it the rows would be ragged.
        CsvSniffer.Result quoted = CsvSniffer.sniff("a|b\n\"x\ny\"|1\n2|3\n", false, null, null);
        assertThat(quoted.quote()).isEqualTo('"');
    }

    @Test
    void junkLinesWithFewerFieldsBeforeTheHeaderAreSkipped() {
        String sample = "Report, 2024\n\nid,name,city\n1,Ann,Oslo\n2,Bob,Rome\n3,Cy,Bern\n";
        CsvSniffer.Result r = CsvSniffer.sniff(sample, false, null, null);
        assertThat(r.skipLines()).isEqualTo(2);
        assertThat(r.skippedOther()).isEqualTo(1);
        assertThat(r.skippedComments()).isZero();
    }

    @Test
    void commentLinesAreFoundBeforeAndAmongTheRows() {
        CsvSniffer.Result r = CsvSniffer.sniff("# one\n# two\na;b\n1;2\n# three\n3;4\n", false, null, null);
        assertThat(r.delimiter()).isEqualTo(';');
        assertThat(r.comment()).isEqualTo('#');
        assertThat(r.skipLines()).isEqualTo(2);
        assertThat(r.skippedComments()).isEqualTo(2);
        // A value starting with '#' in a file without comment lines stays a value.
        CsvSniffer.Result tags = CsvSniffer.sniff("tag,n\n#java,1\n#sql,2\n", false, null, null);
        assertThat(tags.comment()).isEqualTo((char) 0);
    }

    @Test
    void theLastRecordOfATruncatedSampleDoesNotCount() {
        // The sample ends in the middle of a quoted field: not an error, just cut off.
        CsvSniffer.Result r = CsvSniffer.sniff("a,b\n1,\"x\"\n2,\"unfinish", true, null, null);
        assertThat(r.quote()).isEqualTo('"');
    }

    @Test
    void givenOptionsAreKept() {
        CsvSniffer.Result r = CsvSniffer.sniff("a;b,c\n1;2,3\n", false, ',', '\'');
        assertThat(r.delimiter()).isEqualTo(',');
        assertThat(r.quote()).isEqualTo('\'');
    }

    @Test
    void theLineSkipperSkipsCrLfAndLfLinesAcrossReads() throws IOException {
        assertThat(drain(new CsvLineSkipper(new StringReader("t1\r\nt2\rt3\nrest\r\nmore"), 3), 1))
                .isEqualTo("rest\r\nmore");
        assertThat(drain(new CsvLineSkipper(new StringReader("only\r\n"), 1), 4))
                .isEmpty();
    }

    @Test
    void backslashEscapesBecomeDoubledQuotesWhateverTheReadSize() throws IOException {
        String in = "a,b\n\"x \\\"y\\\" \\\\z\",c:\\path\n\"\\\"\",\"\"\"\"\n";
        String out = "a,b\n\"x \"\"y\"\" \\z\",c:\\path\n\"\"\"\",\"\"\"\"\n";
        for (int chunk : new int[] {1, 2, 3, 7, 1024}) {
            assertThat(drain(new CsvBackslashEscapes(new StringReader(in), ',', '"'), chunk))
                    .as("chunk %d", chunk)
                    .isEqualTo(out);
        }
    }

    private static String drain(Reader r, int chunk) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[chunk];
        int n;
        while ((n = r.read(buf, 0, chunk)) >= 0) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }
}
