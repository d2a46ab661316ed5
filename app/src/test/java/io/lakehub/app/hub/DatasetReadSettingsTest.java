package io.lakehub.app.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.app.config.DatasetReadProperties;
import io.lakehub.app.config.LakehubProperties;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestService;
import io.lakehub.processors.read.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lakehub.datasets.<name>.*}: per-dataset read settings reach every ingest into that dataset. */
class DatasetReadSettingsTest {

    @TempDir
    Path temp;

    @Test
    void configuredDelimiterAndTypeOverridesApplyToIngests() throws Exception {
        LakehubProperties properties = new LakehubProperties();
        properties.setHome(temp.resolve("home"));
        DatasetReadProperties people = new DatasetReadProperties();
        people.setDelimiter(";");
        people.setTypes(Map.of("code", "string", "score", "double"));
        properties.getDatasets().put("people", people);
        Path csv = Files.writeString(temp.resolve("people.csv"), "id;code;score\n1;7;3\n2;8;4\n");

        DefaultHubBackends backends = new DefaultHubBackends();
        try (Catalog catalog = backends.openCatalog(properties);
                IngestService ingest = backends.openIngestService(catalog, properties)) {
            ingest.ingest(IngestRequest.of(DatasetName.of("people"), csv, ReadOptions.detect(), "test", "test"));

            assertThat(catalog.dataset(DatasetName.of("people"))
                            .orElseThrow()
                            .schema()
                            .fields())
                    .extracting(LakeField::name, LakeField::type)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("id", LakeType.INT),
                            org.assertj.core.groups.Tuple.tuple("code", LakeType.STRING),
                            org.assertj.core.groups.Tuple.tuple("score", LakeType.DOUBLE));
        }
    }

    @Test
    void typeOverridesKeepDecimalParametersAndKnowTheNewTypes() {
        LakehubProperties properties = new LakehubProperties();
        DatasetReadProperties orders = new DatasetReadProperties();
        orders.setTypes(Map.of(
                "amount",
                "decimal(12,2)",
                "opens",
                "time",
                "placed",
                "timestamp_ntz",
                "id",
                "uuid",
                "tags",
                "list<string>"));
        properties.getDatasets().put("orders", orders);

        ReadOptions options = DefaultHubBackends.datasetReadOptions(properties).get(DatasetName.of("orders"));

        assertThat(options.typeOverrides())
                .containsOnly(
                        Map.entry("amount", LakeType.DECIMAL),
                        Map.entry("opens", LakeType.TIME),
                        Map.entry("placed", LakeType.LOCAL_TIMESTAMP),
                        Map.entry("id", LakeType.UUID),
                        Map.entry("tags", LakeType.LIST));
        assertThat(options.typeOverride("amount", "Amount")).isEqualTo(LakeField.decimal("Amount", 12, 2));
        assertThat(options.typeOverride("tags", "tags")).isEqualTo(LakeField.list("tags", LakeType.STRING));
        assertThat(ReadOptions.detect().orElse(options).typeOverride("amount", "amount"))
                .isEqualTo(LakeField.decimal("amount", 12, 2));

        orders.setTypes(Map.of("amount", "decimal(40,2)"));
        assertThatThrownBy(() -> DefaultHubBackends.datasetReadOptions(properties))
                .hasMessageContaining("lakehub.datasets.orders.types.amount")
                .hasMessageContaining("1..38");
    }

    @Test
    void badRowSettingsAreReadPerDatasetAndBadValuesNameTheKey() {
        LakehubProperties properties = new LakehubProperties();
        DatasetReadProperties orders = new DatasetReadProperties();
        orders.setOnBadRows("skip");
        properties.getDatasets().put("orders", orders);
        DatasetReadProperties people = new DatasetReadProperties();
        properties.getDatasets().put("people", people);

        assertThat(DefaultHubBackends.datasetBadRowPolicies(properties))
                .containsOnly(Map.entry(
                        DatasetName.of("orders"),
                        new io.lakehub.processors.ingest.BadRowPolicy(
                                io.lakehub.processors.ingest.BadRowPolicy.Action.SKIP, null)));

        people.setMaxBadRows("a few");
        assertThatThrownBy(() -> DefaultHubBackends.datasetBadRowPolicies(properties))
                .hasMessageStartingWith("lakehub.datasets.people.max-bad-rows: max_bad_rows 'a few' is neither");
        people.setMaxBadRows("");
        orders.setOnBadRows("drop");
        assertThatThrownBy(() -> DefaultHubBackends.datasetBadRowPolicies(properties))
                .hasMessageStartingWith("lakehub.datasets.orders.on-bad-rows: on_bad_rows 'drop' is not one of");
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        LakehubProperties properties = new LakehubProperties();
        DatasetReadProperties people = new DatasetReadProperties();
        people.setTypes(Map.of("age", "integr"));
        properties.getDatasets().put("people", people);
        assertThatThrownBy(() -> DefaultHubBackends.datasetReadOptions(properties))
                .hasMessageContaining("lakehub.datasets.people.types.age")
                .hasMessageContaining("integr");

        people.setTypes(Map.of());
        people.setDelimiter(";;");
        assertThatThrownBy(() -> DefaultHubBackends.datasetReadOptions(properties))
                .hasMessageContaining("lakehub.datasets.people.delimiter");

        people.setDelimiter("");
        people.setCharset("klingon-8");
        assertThatThrownBy(() -> DefaultHubBackends.datasetReadOptions(properties))
                .hasMessageContaining("lakehub.datasets.people.charset");

        properties.getDatasets().clear();
        properties.getDatasets().put("../evil", new DatasetReadProperties());
        assertThatThrownBy(() -> DefaultHubBackends.datasetReadOptions(properties))
                .hasMessageContaining("lakehub.datasets.../evil");
    }

    @Test
    void whatTheIngestSaysWinsOverTheDatasetSettings() {
        DatasetReadProperties configured = new DatasetReadProperties();
        configured.setFormat("csv");
        configured.setTypes(Map.of("a", "string", "b", "int"));
        ReadOptions merged = new ReadOptions(
                        io.lakehub.processors.read.Format.NDJSON,
                        null,
                        null,
                        null,
                        null,
                        Map.of("b", LakeType.BIGINT),
                        0)
                .orElse(configured.toReadOptions("k"));
        assertThat(merged.format()).isEqualTo(io.lakehub.processors.read.Format.NDJSON);
        assertThat(merged.typeOverrides()).containsEntry("a", LakeType.STRING).containsEntry("b", LakeType.BIGINT);
    }
}
