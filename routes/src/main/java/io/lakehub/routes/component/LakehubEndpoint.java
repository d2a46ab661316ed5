package io.lakehub.routes.component;

import io.lakehub.catalog.DatasetName;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import java.util.Locale;
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

    /** How rows are written: append (the only mode today). Upsert by key is planned. */
    @UriParam(defaultValue = "append", enums = "append,upsert")
    private String mode = "append";

    /** Key columns for mode=upsert (comma-separated). Not supported yet. */
    @UriParam
    private String key;

    private final DatasetName datasetName;
    private Format parsedFormat;

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
        String m = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
        switch (m) {
            case "append" -> {
                if (key != null && !key.isBlank()) {
                    throw new IllegalArgumentException("Endpoint " + getEndpointUri()
                            + ": option 'key' only applies to mode=upsert, which is not supported yet.");
                }
            }
            case "upsert" ->
                throw new IllegalArgumentException("Endpoint " + getEndpointUri()
                        + ": option 'mode=upsert' is not supported yet; only mode=append is.");
            default ->
                throw new IllegalArgumentException(
                        "Endpoint " + getEndpointUri() + ": option 'mode' is '" + mode + "'; expected append.");
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
}
