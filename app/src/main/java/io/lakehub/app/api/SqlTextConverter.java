package io.lakehub.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.api.document.Json;
import io.lakehub.app.api.document.SqlResponse;
import io.lakehub.app.text.SqlText;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/sql}'s text answers (ADR 0059): the {@link SqlResponse} as the aligned table
 * ({@code Accept: text/plain}) or the CSV ({@code Accept: text/csv}) that {@code lakehub sql} prints,
 * rendered by the same code ({@link SqlText}), in UTF-8 with {@code \n} line ends.
 *
 * <p>The document is first written as the JSON answer and read back as the command line reads it, so
 * the values are those the command line renders of the JSON answer (a DECIMAL 12.50 arrives there as
 * the number 12.5) and {@code lakehub sql} prints the same bytes whichever side renders the table.
 */
@Component
public class SqlTextConverter extends AbstractHttpMessageConverter<SqlResponse> {
    /** {@code text/csv}, the CSV answer's media type. */
    public static final String TEXT_CSV_VALUE = "text/csv";

    private static final MediaType TEXT_CSV = MediaType.parseMediaType(TEXT_CSV_VALUE);

    private final ObjectMapper apiMapper;

    /** @param apiMapper the mapper that writes the JSON answers (Spring MVC's) */
    public SqlTextConverter(ObjectMapper apiMapper) {
        super(StandardCharsets.UTF_8, MediaType.TEXT_PLAIN, TEXT_CSV);
        this.apiMapper = apiMapper;
    }

    @Override
    protected boolean supports(Class<?> type) {
        return SqlResponse.class == type;
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false; // an answer only; the request is JSON
    }

    @Override
    protected SqlResponse readInternal(Class<? extends SqlResponse> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("A query's text answer is not read as a request.", input);
    }

    @Override
    protected void writeInternal(SqlResponse response, HttpOutputMessage output) throws IOException {
        SqlResponse asTheCliReadsIt = Json.MAPPER.readValue(apiMapper.writeValueAsBytes(response), SqlResponse.class);
        MediaType type = output.getHeaders().getContentType();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(output.getBody(), StandardCharsets.UTF_8)) {
            @Override
            public void println() {
                write('\n'); // the same text on every platform
            }
        };
        if (type != null && TEXT_CSV.isCompatibleWith(type)) {
            SqlText.csv(asTheCliReadsIt, out);
        } else {
            SqlText.table(asTheCliReadsIt, out);
        }
        out.flush();
        if (out.checkError()) {
            throw new HttpMessageNotWritableException("Could not write the query's " + type + " answer.");
        }
    }
}
