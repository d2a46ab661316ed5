package io.lakehub.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

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

    /** The pipeline scheduler (Quartz, with its job store in the catalog database). */
    private final Scheduler scheduler = new Scheduler();

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
     * How to read each dataset's sources, by dataset name: {@code format}, {@code delimiter},
     * {@code quote}, {@code charset}, {@code header} and per-column {@code types} (overrides of type
     * inference), e.g. {@code lakehub.datasets.people.delimiter=;} and {@code
     * lakehub.datasets.people.types.zip=string}. Applied to every ingest into that dataset (inbox,
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

    public Ingest getIngest() {
        return ingest;
    }

    public Orphans getOrphans() {
        return orphans;
    }

    public Map<String, DatasetReadProperties> getDatasets() {
        return datasets;
    }

    /** The home as an absolute, normalised path. */
    public Path homePath() {
        return home.toAbsolutePath().normalize();
    }

    @Override
    public String toString() {
        return "LakehubProperties[home=" + home + ", config=" + config + ", scheduler=" + scheduler + ", catalog="
                + catalog + ", inbox=" + inbox + ", query=" + query + ", ingest=" + ingest + ", orphans=" + orphans
                + ", datasets=" + datasets + "]";
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

        @Override
        public String toString() {
            return "Query[maxRows=" + maxRows + ", threads=" + threads + ", memoryLimit=" + memoryLimit
                    + ", viewCheckInterval=" + viewCheckInterval + "]";
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

        /** How often the hub sweeps the lake for orphans; 0 turns sweeping off. */
        private Duration sweepInterval = Duration.ofHours(1);

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

    /** The pipeline scheduler: Quartz with its JDBC job store in the catalog database. */
    public static class Scheduler {

        /**
         * Whether several hubs share the (PostgreSQL) catalog database; each scheduled fire then
         * happens on exactly one of them. Every hub of a cluster must have the same pipelines.
         */
        private boolean clustered = false;

        /** Worker threads: how many different pipelines may run on their schedule at once. */
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
