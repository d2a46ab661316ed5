package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.hub.InvalidRequestException;
import io.lakehub.app.hub.UnknownDatasetException;
import io.lakehub.app.hub.UnknownRunException;
import io.lakehub.catalog.InvalidDatasetNameException;
import io.lakehub.catalog.LakehubException;
import io.lakehub.catalog.commit.CatalogUnavailableException;
import io.lakehub.catalog.commit.CommitConflictException;
import io.lakehub.catalog.query.QueryFailedException;
import io.lakehub.catalog.query.SqlRefusedException;
import io.lakehub.processors.ingest.IngestRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every API error as {@code {"error": "..."}} with a status that tells the client whether to fix
 * the request (400/404), retry later (503), or report a bug (500). The message is the exception's
 * own, written for the user; a 500 says only that something broke and logs the details.
 */
@RestControllerAdvice
public class ApiExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler({
        SqlRefusedException.class,
        QueryFailedException.class,
        InvalidDatasetNameException.class,
        IngestRefusedException.class,
        InvalidRequestException.class
    })
    ResponseEntity<ApiError> badRequest(LakehubException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({
        UnknownDatasetException.class,
        UnknownRunException.class,
        io.lakehub.schedules.UnknownPipelineException.class
    })
    ResponseEntity<ApiError> notFound(LakehubException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(CommitConflictException.class)
    ResponseEntity<ApiError> conflict(CommitConflictException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler({CatalogUnavailableException.class, io.lakehub.schedules.SchedulerUnavailableException.class})
    ResponseEntity<ApiError> unavailable(LakehubException e) {
        LOG.warn("Catalog unavailable: {}", e.getMessage(), e);
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "The request body is not the JSON document this endpoint expects.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json.");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "Missing parameter '" + e.getParameterName() + "'.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null
                ? "another type"
                : e.getRequiredType().getSimpleName();
        return error(
                HttpStatus.BAD_REQUEST,
                "Parameter '" + e.getName() + "' must be a " + expected.toLowerCase(java.util.Locale.ROOT) + " value.");
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ApiError> status(ResponseStatusException e) {
        return error(HttpStatus.valueOf(e.getStatusCode().value()), e.getReason());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        if (e instanceof ErrorResponse spring) {
            // Spring MVC's own request errors (not acceptable, ...) keep their status.
            String detail = spring.getBody().getDetail();
            return error(HttpStatus.valueOf(spring.getStatusCode().value()), detail == null ? e.getMessage() : detail);
        }
        LOG.error("Unexpected error answering an API request", e);
        return error(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error (" + e.getClass().getSimpleName() + "); see the hub log.");
    }

    /**
     * The error document, always as {@code application/json}: also when the request accepts only a text
     * answer ({@code POST /api/sql} with {@code Accept: text/csv}), where negotiating the error's type
     * would find no converter for it and answer without the message.
     */
    static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(message));
    }
}
