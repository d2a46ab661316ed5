package io.lakehub.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The hub's settings, {@code lakehub.*}. Set them as Spring Boot properties: in {@code
 * application.properties}, as {@code --lakehub.query.max-rows=500} on the command line, or as
 * environment variables ({@code LAKEHUB_HOME}, {@code LAKEHUB_CATALOG_URL}, ...). The Javadoc of
 * each field is the reference documentation (docs/configuration.md is generated from it).
 */
@ConfigurationProperties("lakehub")
public class LakehubProperties {

    /**
     * The hub's home folder: the lake (Parquet files), the embedded catalog database, the inbox,
     * and the lock that keeps two hubs from sharing it. Also {@code --home} or {@code LAKEHUB_HOME}.
     */
    private Path home = Path.of("./data");

    /**
     * The pipeline configuration file ({@code lakehub.pipelines}, see docs/pipelines.md). Also
     * {@code --config FILE}. Empty: {@code config/lakehub.yaml} in the working directory when that
     * file exists, else no pipelines.
     */
    private Path config;

    /**
     * How often the hub looks at the pipeline configuration file for changes; a changed file is
     * validated and applied to the pipelines that changed, without a restart. 0 turns this off.
     */
    private Duration configReloadInterval = Duration.ofSeconds(2);

    /** Message broker pipelines (MQTT, RabbitMQ, NATS): how their messages are batched into commits. */
    @org.springframework.boot.context.properties.NestedConfigurationProperty
    private final BrokerProperties brokers = new BrokerProperties();

    /** The pipeline scheduler (Quartz, with its job store in the catalog database). */
    private final Scheduler scheduler = new Scheduler();

    /** Where the lake (the datasets' Parquet files) lives; a cluster shares one (ADR 0035). */
    @org.springframework.boot.context.properties.NestedConfigurationProperty
    private final LakeProperties lake = new LakeProperties();

    /** The catalog database: where datasets, snapshots, lineage and the audit journal are recorded. */
    private final Catalog catalog = new Catalog();

    /** The inbox: files dropped into {@code <home>/inbox/<dataset>/} are ingested into that dataset. */
    private final Inbox inbox = new Inbox();

    /** SQL over the lake (DuckDB, in-process). */
    private final Query query = new Query();

    /** Turning source files into Parquet. */
    private final Ingest ingest = new Ingest();

    /** Clean-up of lake files that no snapshot references (left by crashed writers). */
    private final Orphans orphans = new Orphans();

    /**
     * Compaction of upsert datasets (merge-on-read, ADR 0009): when a dataset is rewritten into one
     * version per key, and how long the files it replaced stay for queries still reading them. It
     * runs as the maintenance job {@code compaction} ({@code lakehub.maintenance.compaction.*}).
     */
    private final Compaction compaction = new Compaction();

    /**
     * Maintenance jobs: work that keeps the lake in shape, run as clustered Quartz jobs in the
     * catalog database (once per fire across every hub sharing it), each run recorded ({@code GET
     * /api/jobs}, {@code ./lakehub jobs}).
     */
    private final Maintenance maintenance = new Maintenance();

    /**
     * How to read each dataset's sources, by dataset name: {@code format}, {@code delimiter},
     * {@code quote}, {@code charset}, {@code header} and per-column {@code types} (overrides of type
     * inference), e.g. {@code lakehub.datasets.people.delimiter=;} and {@code
     * lakehub.datasets.people.types.zip=string}; and {@code key}, the key columns of an upsert
     * dataset ({@code lakehub.datasets.orders.key=id}: ingests that choose no mode upsert by it);
     * {@code on-bad-rows} ({@code fail}, {@code skip} or {@code rejects}, the default: rows a reader
     * cannot read go to the dataset {@code <name>__rejects}) and {@code max-bad-rows} (the most bad
     * rows a file may have, {@code 1%} by default or a number of rows), e.g. {@code
     * lakehub.datasets.orders.on-bad-rows=skip} ({@code on_bad_rows} is the same key); an ingest's
     * own setting wins, see docs/pipelines.md. Applied to every ingest into that dataset (inbox,
     * CLI, HTTP, {@code lakehub:} endpoints); checked at start-up, naming the key at fault.
     */
    private final Map<String, DatasetReadProperties> datasets = new LinkedHashMap<>();

    public Path getHome() {
        return home;
    }

    public void setHome(Path home) {
        this.home = home;
    }

    public Path getConfig() {
        return config;
    }

    public void setConfig(Path config) {
        this.config = config;
    }

    public Duration getConfigReloadInterval() {
        return configReloadInterval;
    }

    public void setConfigReloadInterval(Duration configReloadInterval) {
        this.configReloadInterval = configReloadInterval;
    }

    public BrokerProperties getBrokers() {
        return brokers;
    }

    public Scheduler getScheduler() {
        return scheduler;
    }

    public Catalog getCatalog() {
        return catalog;
    }

    public Inbox getInbox() {
        return inbox;
    }

    public Query getQuery() {
        return query;
    }

    /** The PII scan of every ingest and its policies' defaults (docs/pii.md). */
    @org.springframework.boot.context.properties.NestedConfigurationProperty
    private final io.lakehub.app.governance.PiiProperties pii = new io.lakehub.app.governance.PiiProperties();

    public io.lakehub.app.governance.PiiProperties getPii() {
        return pii;
    }

    public Ingest getIngest() {
        return ingest;
    }

    public Orphans getOrphans() {
        return orphans;
    }

    public Compaction getCompaction() {
        return compaction;
    }

    public Maintenance getMaintenance() {
        return maintenance;
    }

    /**
     * The settings of the maintenance job with this id, with the deprecated {@code
     * lakehub.orphans.sweep-interval} applied to {@code orphan-sweep}; empty for a job without
     * settings (it runs on its default schedule).
     *
     * @throws IllegalStateException when {@code lakehub.orphans.sweep-interval} is set to anything
     *     but 0, naming the setting that replaced it
     */
    public java.util.Optional<JobSettings> maintenanceJob(String id) {
        java.util.Optional<JobSettings> settings = maintenance.forJob(id);
        Duration legacy = orphans.getSweepInterval();
        if (!"orphan-sweep".equals(id) || legacy == null) {
            return settings;
        }
        if (!legacy.isZero()) {
            throw new IllegalStateException("lakehub.orphans.sweep-interval=" + legacy + " is no longer supported: the"
                    + " orphan sweep is a clustered maintenance job on a cron now. Remove it and set"
                    + " lakehub.maintenance.orphan-sweep.schedule (e.g. \"0 17 * * * ?\" for hourly) instead;"
                    + " lakehub.orphans.sweep-interval=0 still turns the sweep off.");
        }
        JobSettings off = new JobSettings();
        off.setEnabled(false);
        off.setSchedule(maintenance.getOrphanSweep().getSchedule());
        return java.util.Optional.of(off);
    }

    public Map<String, DatasetReadProperties> getDatasets() {
        return datasets;
    }

    public LakeProperties getLake() {
        return lake;
    }

    /** The lake folder: {@code lakehub.lake.path}, or {@code <home>/lake} when unset. */
    public Path lakePath() {
        return lake.resolve(homePath());
    }

    /** The home as an absolute, normalised path. */
    public Path homePath() {
        return home.toAbsolutePath().normalize();
    }

    @Override
    public String toString() {
        return "LakehubProperties[home=" + home + ", config=" + config + ", lake=" + lake + ", scheduler=" + scheduler
                + ", catalog="
                + catalog + ", inbox=" + inbox + ", query=" + query + ", ingest=" + ingest + ", orphans=" + orphans
                + ", maintenance=" + maintenance + ", datasets=" + datasets + "]";
    }

    /** Where the catalog (datasets, snapshots, lineage, audit journal) is stored. */
    public static class Catalog {

        /**
         * JDBC URL of the catalog database, e.g. {@code jdbc:postgresql://db:5432/lakehub}. Empty:
         * an embedded H2 database under the home ({@code <home>/catalog}).
         */
        private String url = "";

        /** User name for the catalog database; ignored for the embedded one. */
        private String username = "";

        /** Password for the catalog database; never logged. Prefer the LAKEHUB_CATALOG_PASSWORD environment variable. */
        private String password = "";

        /** Most connections the hub keeps open to the catalog database. */
        private int maxPoolSize = 5;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public int getMaxPoolSize() {
            return maxPoolSize;
        }

        public void setMaxPoolSize(int maxPoolSize) {
            this.maxPoolSize = maxPoolSize;
        }

        /** Whether {@link #getUrl()} is empty, meaning the embedded database under the home. */
        public boolean isEmbedded() {
            return url == null || url.isBlank();
        }

        @Override
        public String toString() {
            return "Catalog[url=" + (isEmbedded() ? "(embedded)" : io.lakehub.catalog.commit.Redaction.redactUri(url))
                    + ", username=" + username + ", password=" + (password == null || password.isEmpty() ? "" : "****")
                    + ", maxPoolSize=" + maxPoolSize + "]";
        }
    }

    /** The inbox: files dropped into {@code <home>/inbox/<dataset>/} are ingested into that dataset. */
    public static class Inbox {

        /** Whether the hub watches the inbox. */
        private boolean enabled = true;

        /** Pause between two scans of the inbox for new files. */
        private Duration pollDelay = Duration.ofSeconds(1);

        /**
         * A file is ingested only once it has not been modified for this long, so that a file still
         * being copied in is never read half-written. Raise it for slow network copies.
         */
        private Duration readLockMinAge = Duration.ofSeconds(1);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getPollDelay() {
            return pollDelay;
        }

        public void setPollDelay(Duration pollDelay) {
            this.pollDelay = pollDelay;
        }

        public Duration getReadLockMinAge() {
            return readLockMinAge;
        }

        public void setReadLockMinAge(Duration readLockMinAge) {
            this.readLockMinAge = readLockMinAge;
        }

        @Override
        public String toString() {
            return "Inbox[enabled=" + enabled + ", pollDelay=" + pollDelay + ", readLockMinAge=" + readLockMinAge + "]";
        }
    }

    /** SQL over the lake (DuckDB, in-process). */
    public static class Query {

        /** Most rows a query returns; a longer result is cut there and flagged {@code "truncated": true}. */
        private int maxRows = 10_000;

        /** DuckDB worker threads; 0 lets DuckDB use one per core. */
        private int threads = 0;

        /** DuckDB memory limit, e.g. {@code 2GB}; empty leaves DuckDB's default (80% of RAM). */
        private String memoryLimit = "";

        /**
         * How often a query also checks the catalog for snapshots committed by other processes (other
         * hubs sharing a PostgreSQL catalog). Commits made by this hub reach the SQL views through the
         * catalog's change feed at once, whatever this is. 0 (the default): every query checks, so a
         * query on one hub sees what another hub just committed; a longer interval saves that catalog
         * query per SQL call when this hub is the catalog's only writer (the embedded catalog).
         */
        private Duration viewCheckInterval = Duration.ZERO;

        /**
         * Upsert datasets (mode upsert) with delete markers and at most this many rows are merged once
         * per snapshot, when the view is refreshed after a commit, into an in-memory table that
         * queries read: queries then cost no more than on a compacted dataset, the merge is paid once
         * per commit (about 0.5 s per million rows) and the rows take DuckDB memory. Larger datasets
         * are merged on every read (a hash anti join per query) until compaction. 0: always merge on
         * read.
         */
        private long mergedRowsLimit = 2_000_000;

        public int getMaxRows() {
            return maxRows;
        }

        public void setMaxRows(int maxRows) {
            this.maxRows = maxRows;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }

        public String getMemoryLimit() {
            return memoryLimit;
        }

        public void setMemoryLimit(String memoryLimit) {
            this.memoryLimit = memoryLimit;
        }

        public Duration getViewCheckInterval() {
            return viewCheckInterval;
        }

        public void setViewCheckInterval(Duration viewCheckInterval) {
            this.viewCheckInterval = viewCheckInterval;
        }

        public long getMergedRowsLimit() {
            return mergedRowsLimit;
        }

        public void setMergedRowsLimit(long mergedRowsLimit) {
            this.mergedRowsLimit = mergedRowsLimit;
        }

        @Override
        public String toString() {
            return "Query[maxRows=" + maxRows + ", threads=" + threads + ", memoryLimit=" + memoryLimit
                    + ", viewCheckInterval=" + viewCheckInterval + ", mergedRowsLimit=" + mergedRowsLimit + "]";
        }
    }

    /** Turning source files into Parquet. */
    public static class Ingest {

        /** Rows per Arrow batch handed from the reader to the Parquet writers; 0 uses the pipeline's default. */
        private int batchRows = 0;

        /** Threads encoding and compressing Parquet while the reader parses; 0 uses the pipeline's default. */
        private int writerThreads = 0;

        public int getBatchRows() {
            return batchRows;
        }

        public void setBatchRows(int batchRows) {
            this.batchRows = batchRows;
        }

        public int getWriterThreads() {
            return writerThreads;
        }

        public void setWriterThreads(int writerThreads) {
            this.writerThreads = writerThreads;
        }

        @Override
        public String toString() {
            return "Ingest[batchRows=" + batchRows + ", writerThreads=" + writerThreads + "]";
        }
    }

    /** Clean-up of files in the lake that no snapshot references (left by crashed writers). */
    public static class Orphans {

        /**
         * Only files older than this are deleted; younger ones may belong to a commit still in flight
         * in another process. Keep it well above the longest ingest.
         */
        private Duration grace = Duration.ofHours(1);

        /**
         * Replaced by {@code lakehub.maintenance.orphan-sweep.schedule} (a cron; the sweep is now a
         * clustered maintenance job). Kept so that old configurations keep their meaning where they
         * can: 0 still turns the sweep off (like {@code lakehub.maintenance.orphan-sweep.enabled=false});
         * any other value stops the hub at start-up with a message naming the new setting.
         */
        private Duration sweepInterval;

        public Duration getGrace() {
            return grace;
        }

        public void setGrace(Duration grace) {
            this.grace = grace;
        }

        public Duration getSweepInterval() {
            return sweepInterval;
        }

        public void setSweepInterval(Duration sweepInterval) {
            this.sweepInterval = sweepInterval;
        }

        @Override
        public String toString() {
            return "Orphans[grace=" + grace + ", sweepInterval=" + sweepInterval + "]";
        }
    }

    /**
     * Compaction of upsert datasets: a dataset is rewritten when one threshold is crossed. Every
     * delete marker costs each query of the dataset a hash probe and every upsert adds a group of
     * files to its view, so compaction keeps queries about as fast as on a plain dataset. Append
     * datasets have their small files compacted ({@code append-*}, ADR 0057): streaming sources commit
     * many small files, and every query lists and opens each of them.
     */
    public static class Compaction {

        /** Live delete-marker rows (about the updated and deleted keys) that trigger a compaction. */
        private long minMarkerRows = 100_000;

        /** Live delete-marker rows per visible row that trigger a compaction (0.1: one in ten). */
        private double minMarkerRatio = 0.10;

        /** Live data files (about one per upsert) that trigger a compaction; at least 2. */
        private int minFiles = 32;

        /**
         * Live data files that trigger a compaction of a dataset written by a change stream ({@code
         * from: cdc}), checked after each of its batches; at least 2. Lower than {@code min-files}: a
         * stream commits about once a second, and each file it adds costs every later commit and query.
         */
        private int streamMinFiles = 8;

        /**
         * How long the files a compaction replaced stay on disk, so that queries which started before
         * it can finish; then they are deleted. Keep it above the longest query.
         */
        private Duration removedFileGrace = Duration.ofHours(1);

        /**
         * Small live data files of an append dataset that trigger their compaction: they are rewritten,
         * in commit order, into files of about {@code append-target-file-size}, and removed by a replace
         * that concurrent appends do not hold up. 0 (the default) turns append compaction off; else at
         * least 2 (32 is a good start). Off by default until ADR 0057's open problem is solved: on the
         * embedded H2 catalog, appends committing while a replace of thousands of files commits were
         * refused (SQLState 23505 after the catalog's retries; not lost: never acknowledged).
         */
        private int appendMinSmallFiles = 0;

        /**
         * A live data file of an append dataset smaller than this is a small file, which append
         * compaction rewrites; at most {@code append-target-file-size}.
         */
        private DataSize appendSmallFileSize = DataSize.ofMegabytes(32);

        /**
         * The size append compaction aims at: it stops adding small files to one rewrite once their
         * sizes add up to this (the written file is about as large, usually smaller).
         */
        private DataSize appendTargetFileSize = DataSize.ofMegabytes(128);

        /**
         * Most small files append compaction reads into one file and removes in one commit (it bounds
         * the query over them and the commit); at least 2. More files are compacted by further rewrites
         * in the same run.
         */
        private int appendMaxFilesPerRewrite = 10_000;

        public int getAppendMinSmallFiles() {
            return appendMinSmallFiles;
        }

        public void setAppendMinSmallFiles(int appendMinSmallFiles) {
            this.appendMinSmallFiles = appendMinSmallFiles;
        }

        public DataSize getAppendSmallFileSize() {
            return appendSmallFileSize;
        }

        public void setAppendSmallFileSize(DataSize appendSmallFileSize) {
            this.appendSmallFileSize = appendSmallFileSize;
        }

        public DataSize getAppendTargetFileSize() {
            return appendTargetFileSize;
        }

        public void setAppendTargetFileSize(DataSize appendTargetFileSize) {
            this.appendTargetFileSize = appendTargetFileSize;
        }

        public int getAppendMaxFilesPerRewrite() {
            return appendMaxFilesPerRewrite;
        }

        public void setAppendMaxFilesPerRewrite(int appendMaxFilesPerRewrite) {
            this.appendMaxFilesPerRewrite = appendMaxFilesPerRewrite;
        }

        public long getMinMarkerRows() {
            return minMarkerRows;
        }

        public void setMinMarkerRows(long minMarkerRows) {
            this.minMarkerRows = minMarkerRows;
        }

        public double getMinMarkerRatio() {
            return minMarkerRatio;
        }

        public void setMinMarkerRatio(double minMarkerRatio) {
            this.minMarkerRatio = minMarkerRatio;
        }

        public int getMinFiles() {
            return minFiles;
        }

        public void setMinFiles(int minFiles) {
            this.minFiles = minFiles;
        }

        public int getStreamMinFiles() {
            return streamMinFiles;
        }

        public void setStreamMinFiles(int streamMinFiles) {
            this.streamMinFiles = streamMinFiles;
        }

        public Duration getRemovedFileGrace() {
            return removedFileGrace;
        }

        public void setRemovedFileGrace(Duration removedFileGrace) {
            this.removedFileGrace = removedFileGrace;
        }

        @Override
        public String toString() {
            return "Compaction[minMarkerRows=" + minMarkerRows + ", minMarkerRatio=" + minMarkerRatio + ", minFiles="
                    + minFiles + ", removedFileGrace=" + removedFileGrace + ", appendMinSmallFiles="
                    + appendMinSmallFiles + ", appendSmallFileSize=" + appendSmallFileSize + ", appendTargetFileSize="
                    + appendTargetFileSize + ", appendMaxFilesPerRewrite=" + appendMaxFilesPerRewrite + "]";
        }
    }

    /** Maintenance jobs, each a clustered Quartz job with its runs in the run history. */
    public static class Maintenance {

        /**
         * The orphan sweep ({@code orphan-sweep}): deletes lake files that no snapshot references
         * and that are older than {@code lakehub.orphans.grace}. Default schedule: hourly, at minute
         * 17.
         */
        private final JobSettings orphanSweep = new JobSettings();

        /**
         * Compaction ({@code compaction}): rewrites each upsert dataset that crossed a {@code
         * lakehub.compaction.*} threshold into one version per key, rewrites the small files of append
         * datasets into larger ones ({@code lakehub.compaction.append-*}), and deletes the
         * files earlier compactions replaced once {@code lakehub.compaction.removed-file-grace} has
         * passed. Default schedule: every 10 minutes, at second 40.
         */
        private final JobSettings compaction = new JobSettings();

        public JobSettings getOrphanSweep() {
            return orphanSweep;
        }

        public JobSettings getCompaction() {
            return compaction;
        }

        /**
         * The settings of the maintenance job with this id; empty for a job that has no settings
         * (it then runs on its default schedule).
         */
        public java.util.Optional<JobSettings> forJob(String id) {
            return switch (id) {
                case "orphan-sweep" -> java.util.Optional.of(orphanSweep);
                case "compaction" -> java.util.Optional.of(compaction);
                default -> java.util.Optional.empty();
            };
        }

        @Override
        public String toString() {
            return "Maintenance[orphanSweep=" + orphanSweep + ", compaction=" + compaction + "]";
        }
    }

    /** When one maintenance job runs. */
    public static class JobSettings {

        /**
         * Whether the job runs at all (on its schedule or on demand). Every hub of a cluster must
         * agree: a hub with the job disabled removes it from the shared job store.
         */
        private boolean enabled = true;

        /**
         * Quartz cron expression ({@code sec min hour day-of-month month day-of-week}) in the hub's
         * time zone, e.g. {@code 0 0 3 * * ?} for 03:00 every day. Empty: the job's default
         * schedule, which {@code ./lakehub jobs} shows: {@code orphan-sweep} hourly at minute 17,
         * {@code compaction} every 10 minutes (at second 40).
         */
        private String schedule = "";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getSchedule() {
            return schedule;
        }

        public void setSchedule(String schedule) {
            this.schedule = schedule;
        }

        @Override
        public String toString() {
            return "JobSettings[enabled=" + enabled + ", schedule=" + schedule + "]";
        }
    }

    /**
     * The scheduler of pipelines and maintenance jobs: Quartz with its JDBC job store in the catalog
     * database.
     */
    public static class Scheduler {

        /**
         * Whether several hubs share the (PostgreSQL) catalog database; each scheduled fire then
         * happens on exactly one of them. Every hub of a cluster must have the same pipelines.
         */
        private boolean clustered = false;

        /**
         * Worker threads: how many different jobs (pipelines and maintenance jobs) may run on their
         * schedule at once on this hub.
         */
        private int threads = 4;

        /**
         * How late a scheduled fire may be before the pipeline's {@code misfire} policy applies
         * instead (hub down, paused, all worker threads busy).
         */
        private Duration misfireThreshold = Duration.ofSeconds(60);

        public boolean isClustered() {
            return clustered;
        }

        public void setClustered(boolean clustered) {
            this.clustered = clustered;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }

        public Duration getMisfireThreshold() {
            return misfireThreshold;
        }

        public void setMisfireThreshold(Duration misfireThreshold) {
            this.misfireThreshold = misfireThreshold;
        }

        @Override
        public String toString() {
            return "Scheduler[clustered=" + clustered + ", threads=" + threads + ", misfireThreshold="
                    + misfireThreshold + "]";
        }
    }
}
