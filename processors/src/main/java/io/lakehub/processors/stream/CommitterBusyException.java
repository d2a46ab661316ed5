package io.lakehub.processors.stream;

import io.lakehub.catalog.LakehubException;
import java.time.Duration;

/**
 * Back-pressure: the {@link GroupCommitter}'s queue is full (the writer falls behind) or it is
 * closing. Nothing of the delivery was queued or written; the sender may retry after {@link
 * #retryAfter()}.
 */
public class CommitterBusyException extends LakehubException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public CommitterBusyException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long the sender should wait before retrying. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
