package io.lakehub.app.security;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.catalog.views.DuplicateViewException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The access errors as {@code {"error": "..."}}: 403 denied, 404 unknown view, 409 view exists;
 * {@code application/json} whatever the request accepts (see {@code ApiExceptionHandler}).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AccessExceptionHandler {

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(UnknownViewException.class)
    ResponseEntity<ApiError> unknownView(UnknownViewException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(DuplicateViewException.class)
    ResponseEntity<ApiError> duplicateView(DuplicateViewException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(e.getMessage()));
    }
}
