package io.lakehub.app.api.document;

/** Every error answer of the API: {@code {"error": "<what went wrong, for the user>"}}. */
public record ApiError(String error) {}
