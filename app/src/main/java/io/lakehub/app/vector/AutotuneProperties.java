package io.lakehub.app.vector;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code lakehub.vector.autotune.*}: when the hub's autotune agent runs by itself (ADR 0041). Its triggers
 * are Quartz jobs of the hub's scheduler, one per vector index (group {@code autotune}, named by the index;
 * ADR 0048): with {@code lakehub.scheduler.clustered} each fire runs on exactly one hub of the cluster. A
 * run can always be started with {@code POST /api/indexes/{name}/autotune}; one hub at a time tunes an
 * index (the autotune lease in the catalog). Every hub of a cluster must have the same settings.
 */
@ConfigurationProperties("lakehub.vector.autotune")
public class AutotuneProperties {

    /**
     * Tune an index when its row count grew by more than this fraction since its baseline in the catalog
     * (the count when a growth run last started, or when a hub first saw the index), e.g. {@code 0.2} for
     * 20%. 0 turns the growth trigger off.
     */
    private double growthFraction = 0;

    /**
     * How often the growth trigger (a periodic trigger of each index's Quartz job) compares the index's row
     * count with its baseline; at least 1 s (a shorter period is raised to it).
     */
    private Duration checkInterval = Duration.ofMinutes(1);

    /**
     * A Quartz cron expression (seconds first, UTC) on which every refreshed index is tuned (a cron trigger of
     * each index's Quartz job; a fire missed while every hub was down is skipped), e.g. {@code 0 0 3 * * ?};
     * empty for none. An invalid expression stops the hub at start, naming this key.
     */
    private String cron = "";

    /** Trials of a run the growth trigger or the cron starts. */
    private int trials = 8;

    /**
     * The objective of a run that names none (the triggered runs, and requests without {@code min_recall} or
     * {@code max_p95_us}): the lowest p95 subject to recall@k ≥ this, in (0, 1]. Ignored when {@code max-p95}
     * is set.
     */
    private double minRecall = 0.95;

    /**
     * When set, the objective of a run that names none is the highest recall subject to p95 ≤ this (e.g.
     * {@code 2ms}) instead of {@code min-recall}'s.
     */
    private Duration maxP95;

    /**
     * How much higher a challenger's recall must be to replace the champion when recall decides (absolute, in
     * [0, 1]); measurement noise below it never flips the champion.
     */
    private double marginRecall = 0.01;

    /**
     * By what fraction a challenger's p95 must be lower to replace the champion when latency decides, in [0, 1).
     */
    private double marginLatency = 0.10;

    /** Trials this hub runs per hour at most, across its indexes (the agent never saturates the machine). */
    private int maxTrialsPerHour = 240;

    /** The pause after each trial before the next one starts. */
    private Duration cooldown = Duration.ZERO;

    /** Candidate graphs this hub builds at once for build-time trials. */
    private int maxConcurrentBuilds = 1;

    /**
     * Graphs a build-time promotion keeps in the index's {@code history/} folder (the graphs it replaced,
     * newest first), so that a rollback restores the previous graph without rebuilding it (ADR 0045). A
     * rollback to parameters whose graph is no longer kept — or whose chunks changed since — rebuilds it from
     * the stored vectors. 0 keeps none.
     */
    private int graphHistory = 2;

    public int getGraphHistory() {
        return graphHistory;
    }

    public void setGraphHistory(int graphHistory) {
        this.graphHistory = graphHistory;
    }

    public double getGrowthFraction() {
        return growthFraction;
    }

    public void setGrowthFraction(double growthFraction) {
        this.growthFraction = growthFraction;
    }

    public Duration getCheckInterval() {
        return checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }

    public String getCron() {
        return cron;
    }

    public void setCron(String cron) {
        this.cron = cron;
    }

    public int getTrials() {
        return trials;
    }

    public void setTrials(int trials) {
        this.trials = trials;
    }

    public double getMinRecall() {
        return minRecall;
    }

    public void setMinRecall(double minRecall) {
        this.minRecall = minRecall;
    }

    public Duration getMaxP95() {
        return maxP95;
    }

    public void setMaxP95(Duration maxP95) {
        this.maxP95 = maxP95;
    }

    public double getMarginRecall() {
        return marginRecall;
    }

    public void setMarginRecall(double marginRecall) {
        this.marginRecall = marginRecall;
    }

    public double getMarginLatency() {
        return marginLatency;
    }

    public void setMarginLatency(double marginLatency) {
        this.marginLatency = marginLatency;
    }

    public int getMaxTrialsPerHour() {
        return maxTrialsPerHour;
    }

    public void setMaxTrialsPerHour(int maxTrialsPerHour) {
        this.maxTrialsPerHour = maxTrialsPerHour;
    }

    public Duration getCooldown() {
        return cooldown;
    }

    public void setCooldown(Duration cooldown) {
        this.cooldown = cooldown;
    }

    public int getMaxConcurrentBuilds() {
        return maxConcurrentBuilds;
    }

    public void setMaxConcurrentBuilds(int maxConcurrentBuilds) {
        this.maxConcurrentBuilds = maxConcurrentBuilds;
    }
}
