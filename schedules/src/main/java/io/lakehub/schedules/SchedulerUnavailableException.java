package io.lakehub.schedules;

import io.lakehub.catalog.LakehubException;

/**
 * The scheduler could not read or change its tables in the catalog database (unreachable database,
 * failed migration, Quartz job store error). The message says what was being done and whether
 * anything changed; the cause is kept.
 */
public class SchedulerUnavailableException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public SchedulerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
