package io.lakehub.routes.component;

import io.lakehub.catalog.DatasetName;
import io.lakehub.processors.chain.StepDefinition;
import io.lakehub.processors.ingest.BadRowPolicy;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code lakehub:<dataset>[?options]}: ingests each message body into the dataset. Producer only;
 * reading the lake is SQL's job.
 */
@UriEndpoint(
        firstVersion = "0.1.0",
        scheme = "lakehub",
        title = "Lakehub",
        syntax = "lakehub:dataset",
        producerOnly = true,
        category = {Category.FILE},
        headersClass = LakehubConstants.class)
public class LakehubEndpoint extends DefaultEndpoint {

    /** The dataset to ingest into: a lower-case letter, then lower-case letters, digits or underscores. */
    @UriPath
    @Metadata(required = true)
    private final String dataset;

    /**
     * Source format: csv, json, ndjson, parquet or text. Empty: detected from the file name, then
     * from the first bytes.
     */
    @UriParam(enums = "csv,json,ndjson,parquet,text")
    private String format;

    /**
     * When a column arrives with a type the dataset cannot widen to safely (e.g. text where the
     * dataset holds dates), widen the dataset column to string instead of refusing the source.
     */
    @UriParam(defaultValue = "false")
    private boolean widenToString;

    /** Who the audit journal records as the author of each commit. */
    @UriParam(defaultValue = "route")
    private String actor = "route";

    /** The source system lineage records for each commit, e.g. inbox or sftp. */
    @UriParam(defaultValue = "camel")
    private String sourceSystem = "camel";

    /** Pipeline id lineage records for each commit; empty for ad-hoc ingests. */
    @UriParam
    private String pipeline;

    /**
     * How rows are written: append, or upsert (rows replace earlier rows with the same key; needs
     * key). Whether upsert can be committed is the hub's ingest's decision: one that only appends
     * refuses such messages, naming the mode, and writes nothing.
     */
    @UriParam(defaultValue = "append", enums = "append,upsert")
    private String mode = "append";

    /** Key columns for mode=upsert, comma-separated. */
    @UriParam
    private String key;

    /**
     * For mode=upsert: a boolean column of the source that is true for a deleted row (a soft delete);
     * such a row hides its key in the dataset. Refused with mode=append.
     */
    @UriParam
    private String deletedColumn;

    /**
     * The processor steps every message's batches run through before they are written, in order:
     * a {@link StepList} bean, referenced as {@code #bean:name}. The hub registers one per pipeline
     * that declares {@code steps:}.
     */
    @UriParam
    private StepList steps;

    /**
     * What to do with rows a reader cannot read (a CSV row with the wrong number of fields, an NDJSON
     * line that is not an object): fail (the file is refused), skip (left out, counted) or rejects
     * (kept in the dataset {@code <dataset>__rejects}). Empty: the dataset's setting, else rejects.
     */
    @UriParam(enums = "fail,skip,rejects")
    private String onBadRows;

    /**
     * The most bad rows a file may have before it is refused: a count ({@code 100}) or a percentage
     * of its rows ({@code 1%}). Empty: the dataset's setting, else 1%.
     */
    @UriParam
    private String maxBadRows;

    private final DatasetName datasetName;
    private Format parsedFormat;
    private IngestMode parsedMode = IngestMode.APPEND;
    private List<String> parsedKey = List.of();
    private BadRowPolicy parsedBadRows = BadRowPolicy.UNSET;

    LakehubEndpoint(String uri, LakehubComponent component, DatasetName dataset) {
        super(uri, component);
        this.dataset = dataset.value();
        this.datasetName = dataset;
    }

    /** Rejects option values that parse but make no sense, naming the option. */
    void validateOptions() {
        if (format != null && !format.isBlank()) {
            try {
                parsedFormat = Format.parse(format);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "Endpoint " + getEndpointUri() + ": option 'format': " + e.getMessage(), e);
            }
        }
        try {
            parsedMode = IngestMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Endpoint " + getEndpointUri() + ": option 'mode': " + e.getMessage(), e);
        }
        parsedKey = key == null || key.isBlank()
                ? List.of()
                : Arrays.stream(key.split(",")).map(String::trim).toList();
        if (parsedKey.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException(
                    "Endpoint " + getEndpointUri() + ": option 'key' has an empty column name: '" + key + "'.");
        }
        if (parsedMode == IngestMode.APPEND && !parsedKey.isEmpty()) {
            throw new IllegalArgumentException(
                    "Endpoint " + getEndpointUri() + ": option 'key' only applies to mode=upsert.");
        }
        if (parsedMode == IngestMode.APPEND && deletedColumn != null && !deletedColumn.isBlank()) {
            throw new IllegalArgumentException("Endpoint " + getEndpointUri()
                    + ": option 'deletedColumn' only applies to mode=upsert (a delete needs a key).");
        }
        if (parsedMode == IngestMode.UPSERT && parsedKey.isEmpty()) {
            throw new IllegalArgumentException(
                    "Endpoint " + getEndpointUri() + ": option 'mode=upsert' needs option 'key' (the key columns).");
        }
        try {
            parsedBadRows = BadRowPolicy.parse(onBadRows, maxBadRows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Endpoint " + getEndpointUri() + ": option '"
                            + (e.getMessage().startsWith("on_bad_rows") ? "onBadRows" : "maxBadRows") + "': "
                            + e.getMessage(),
                    e);
        }
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("Endpoint " + getEndpointUri() + ": option 'actor' may not be empty.");
        }
        if (sourceSystem == null || sourceSystem.isBlank()) {
            throw new IllegalArgumentException(
                    "Endpoint " + getEndpointUri() + ": option 'sourceSystem' may not be empty.");
        }
    }

    @Override
    public Producer createProducer() {
        return new LakehubProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("The lakehub component only ingests (to(\"lakehub:" + dataset
                + "\")); query the lake with SQL instead of consuming from it.");
    }

    @Override
    public LakehubComponent getComponent() {
        return (LakehubComponent) super.getComponent();
    }

    DatasetName datasetName() {
        return datasetName;
    }

    /** Read options for this endpoint: the format if one was given, everything else detected. */
    ReadOptions readOptions() {
        ReadOptions options = ReadOptions.detect();
        return parsedFormat == null ? options : options.withFormat(parsedFormat);
    }

    Format parsedFormat() {
        return parsedFormat;
    }

    IngestMode parsedMode() {
        return parsedMode;
    }

    List<String> parsedKey() {
        return parsedKey;
    }

    BadRowPolicy parsedBadRows() {
        return parsedBadRows;
    }

    public String getOnBadRows() {
        return onBadRows;
    }

    public void setOnBadRows(String onBadRows) {
        this.onBadRows = onBadRows;
    }

    public String getMaxBadRows() {
        return maxBadRows;
    }

    public void setMaxBadRows(String maxBadRows) {
        this.maxBadRows = maxBadRows;
    }

    List<StepDefinition> stepDefinitions() {
        return steps == null ? List.of() : steps.steps();
    }

    public String getDataset() {
        return dataset;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public boolean isWidenToString() {
        return widenToString;
    }

    public void setWidenToString(boolean widenToString) {
        this.widenToString = widenToString;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getSourceSystem() {
        return sourceSystem;
    }

    public void setSourceSystem(String sourceSystem) {
        this.sourceSystem = sourceSystem;
    }

    public String getPipeline() {
        return pipeline;
    }

    public void setPipeline(String pipeline) {
        this.pipeline = pipeline;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getDeletedColumn() {
        return deletedColumn;
    }

    public void setDeletedColumn(String deletedColumn) {
        this.deletedColumn = deletedColumn;
    }

    public StepList getSteps() {
        return steps;
    }

    public void setSteps(StepList steps) {
        this.steps = steps;
    }
}
