package io.lakehub.schedules;

/**
 * How far a running job has got, as the job tells it: the handle a {@link MaintenanceJob} gets in
 * {@link JobContext#progress()}. The scheduler keeps it in memory while the run is in progress on
 * this hub (never in the catalog) and shows it with the job in {@code GET /api/jobs}, with the rate
 * and time left computed from the run's start ({@link ProgressReport}). Safe to call from any
 * thread; calls are cheap (an atomic add), so a job may report once per item.
 */
public interface Progress {

    /** A handle that drops everything: for runs no one watches. */
    Progress NONE = new Progress() {
        @Override
        public Progress total(long total, String unit) {
            return this;
        }

        @Override
        public void advance(long done) {}
    };

    /**
     * How much work the run has in all, once known, and what it counts ("datasets", "files"). May be
     * called again when the job learns more (a second phase); what was done so far is kept.
     *
     * @param total the work in all; zero or more
     * @param unit a plural noun for the console and the CLI
     * @return this handle
     * @throws IllegalArgumentException when total is negative or the unit is blank
     */
    Progress total(long total, String unit);

    /**
     * Adds {@code done} items to the work done so far.
     *
     * @throws IllegalArgumentException when {@code done} is negative
     */
    void advance(long done);
}
