package io.lakehub.processors.read.csv;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The raw text of physical lines of a CSV file, for bad rows: a second, lazily opened pass over the
 * file that moves forward to each line asked for. Bad rows arrive in line order, so all of them
 * together cost at most one extra read of the file, and a clean file costs nothing (it is never
 * opened). Lines end at CR, LF or CRLF, as the parser counts them.
 */
final class CsvRawLines implements Closeable {
    private final Path file;
    private final Charset charset;
    private final int bomLength;
    private BufferedReader in;
    /** Lines read so far from {@link #in}. */
    private long consumed;

    CsvRawLines(Path file, Charset charset, int bomLength) {
        this.file = file;
        this.charset = charset;
        this.bomLength = bomLength;
    }

    /**
     * The text of 1-based physical line {@code line} (without its line end); empty when it cannot be
     * read (the bad row is still reported, by its line number).
     */
    String line(long line) {
        try {
            if (in == null || line <= consumed) {
                reopen();
            }
            String text = null;
            while (consumed < line) {
                text = in.readLine();
                consumed++;
                if (text == null) {
                    return "";
                }
            }
            return text == null ? "" : text;
        } catch (IOException e) {
            return "";
        }
    }

    private void reopen() throws IOException {
        close();
        InputStream stream = Files.newInputStream(file);
        try {
            stream.skipNBytes(bomLength);
        } catch (IOException e) {
            stream.close();
            throw e;
        }
        in = new BufferedReader(new InputStreamReader(
                stream,
                charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)));
        consumed = 0;
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            BufferedReader r = in;
            in = null;
            r.close();
        }
    }
}
