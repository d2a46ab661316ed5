package io.lakehub.app.vector;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code lakehub.vector.*}: vector indexes over datasets (docs/vector-engine.md, ADR 0038). */
@ConfigurationProperties("lakehub.vector")
public class VectorProperties {

    /** Whether the hub serves vector indexes ({@code /api/indexes}); off, those paths answer 404. */
    private boolean enabled = true;

    /**
     * The embedding provider of new indexes and of searches: {@code onnx} (all-MiniLM-L6-v2 quantized,
     * 384-d, in process, nothing downloaded), {@code ollama} ({@code /api/embed}), {@code openai} (an
     * OpenAI-compatible {@code /v1/embeddings}) or {@code hashing} (deterministic feature hashing, no
     * meaning: for tests). An index refuses a provider whose vectors have another dimension, naming both.
     */
    private String provider = "onnx";

    /** The embedding server of the {@code ollama} and {@code openai} providers, e.g. {@code http://127.0.0.1:11434}. */
    private String baseUrl = "";

    /** The model the embedding server should use ({@code ollama}, {@code openai}). */
    private String model = "";

    /**
     * The environment variable holding the embedding server's API key ({@code openai}); the key itself is
     * never configured in a file nor logged.
     */
    private String apiKeyEnv = "";

    /** The vectors' length: for {@code hashing}, and for the HTTP providers (0 asks the server once). */
    private int dimensions = 384;

    /** The seed of the {@code hashing} provider. */
    private long hashingSeed = 42;

    /** Default chunk size of new indexes, in characters. */
    private int chunkSize = 480;

    /** Default overlap between consecutive chunks of new indexes, in characters. */
    private int chunkOverlap = 80;

    /** The largest k a search accepts; a larger one is refused with 400. */
    private int maxK = 1000;

    /** Refresh jobs run at once (each builds its graph on every core). */
    private int refreshThreads = 1;

    /**
     * Finished refresh jobs, and finished autotune runs, this hub remembers (each kind) for {@code GET /api/jobs/ID}
     * and {@code GET /api/index-jobs}; the oldest finished ones beyond it are forgotten.
     */
    private int jobHistory = 100;

    /**
     * How long a hub's claim on building an index lasts in the catalog unless renewed (ADR 0047); the
     * builder renews it every third of this, and a hub that died blocks other hubs' refreshes of the
     * index at most this long.
     */
    private Duration buildLease = Duration.ofSeconds(30);

    /**
     * How long a superseded build of an index stays on the lake before it is deleted (ADR 0047): every
     * hub reopens the newer build on its next search, and searches that started on the old one finish
     * well within this.
     */
    private Duration buildGrace = Duration.ofMinutes(10);

    public Duration getBuildLease() {
        return buildLease;
    }

    public void setBuildLease(Duration buildLease) {
        this.buildLease = buildLease;
    }

    public Duration getBuildGrace() {
        return buildGrace;
    }

    public void setBuildGrace(Duration buildGrace) {
        this.buildGrace = buildGrace;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getApiKeyEnv() {
        return apiKeyEnv;
    }

    public void setApiKeyEnv(String apiKeyEnv) {
        this.apiKeyEnv = apiKeyEnv;
    }

    public int getDimensions() {
        return dimensions;
    }

    public void setDimensions(int dimensions) {
        this.dimensions = dimensions;
    }

    public long getHashingSeed() {
        return hashingSeed;
    }

    public void setHashingSeed(long hashingSeed) {
        this.hashingSeed = hashingSeed;
    }

    public int getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    public int getChunkOverlap() {
        return chunkOverlap;
    }

    public void setChunkOverlap(int chunkOverlap) {
        this.chunkOverlap = chunkOverlap;
    }

    public int getMaxK() {
        return maxK;
    }

    public void setMaxK(int maxK) {
        if (maxK < 1) {
            throw new IllegalArgumentException("lakehub.vector.max-k must be 1 or more, not " + maxK);
        }
        this.maxK = maxK;
    }

    public int getRefreshThreads() {
        return refreshThreads;
    }

    public void setRefreshThreads(int refreshThreads) {
        if (refreshThreads < 1) {
            throw new IllegalArgumentException(
                    "lakehub.vector.refresh-threads must be 1 or more, not " + refreshThreads);
        }
        this.refreshThreads = refreshThreads;
    }

    public int getJobHistory() {
        return jobHistory;
    }

    public void setJobHistory(int jobHistory) {
        this.jobHistory = Math.max(1, jobHistory);
    }
}
