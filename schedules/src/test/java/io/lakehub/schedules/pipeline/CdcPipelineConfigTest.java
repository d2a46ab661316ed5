package io.lakehub.schedules.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.processors.source.cdc.CdcSourceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code from: cdc} pipelines: the {@code cdc:} block and each problem by file, line and key. */
class CdcPipelineConfigTest {

    private static final String FILE = "config/lakehub.yaml";
    private static final String PASSWORD = "pw-cdc-s3cret";
    private final PipelineConfigLoader loader = new PipelineConfigLoader(Map.of("SHOP_DB_PASSWORD", PASSWORD));

    @Test
    void readsTheIssueExampleAsAnUpsertByTheKey() {
        PipelineConfig config = loader.parse("""
                lakehub:
                  pipelines:
                    - id: orders
                      from: cdc
                      cdc: { url: "jdbc:postgresql://127.0.0.1:5432/test", user: postgres, tables: [public.orders], slot: lakehub_orders }
                      into: orders
                      key: [id]
                """, FILE);

        PipelineDefinition p = config.pipeline("orders").orElseThrow();
        assertThat(p.from().resolved()).isEqualTo("lakehub-cdc:orders");
        assertThat(p.from().display()).isEqualTo("cdc");
        assertThat(p.mode()).isEqualTo(WriteMode.UPSERT);
        assertThat(p.key()).containsExactly("id");
        assertThat(p.isScheduled()).isFalse();
        CdcSourceSpec cdc = p.cdcSource().orElseThrow();
        assertThat(cdc.host()).isEqualTo("127.0.0.1");
        assertThat(cdc.port()).isEqualTo(5432);
        assertThat(cdc.database()).isEqualTo("test");
        assertThat(cdc.user()).isEqualTo("postgres");
        assertThat(cdc.password()).isNull();
        assertThat(cdc.table()).isEqualTo("public.orders");
        assertThat(cdc.slot()).isEqualTo("lakehub_orders");
        assertThat(cdc.publication()).isEqualTo("lakehub_orders_pub");
        assertThat(cdc.positionKey()).isEqualTo("position.cdc.orders");
        assertThat(p.jdbcSource()).isEmpty();
    }

    @Test
    void thePasswordIsAPlaceholderAndNeverPrinted() {
        PipelineConfig config = loader.parse(pipeline("""
                      cdc:
                        url: "jdbc:postgresql://db/shop"
                        user: lakehub
                        password: "${SHOP_DB_PASSWORD}"
                        tables: [public.orders]
                        slot: lakehub_orders
                        publication: shop_orders
                """), FILE);
        PipelineDefinition p = config.pipeline("orders").orElseThrow();
        assertThat(p.cdcSource().orElseThrow().password()).isEqualTo(PASSWORD);
        assertThat(p.cdcSource().orElseThrow().publication()).isEqualTo("shop_orders");
        assertThat(p.cdcSource().orElseThrow().port()).isEqualTo(5432);
        assertThat(p.toString()).doesNotContain(PASSWORD);

        assertThat(problems(pipeline("""
                      cdc: { url: "jdbc:postgresql://db/shop", password: literal-pw, tables: [public.orders], slot: s }
                """)))
                .singleElement()
                .asString()
                .startsWith(
                        "config/lakehub.yaml:7: lakehub.pipelines[0].cdc.password: a password must be an environment"
                                + " placeholder")
                .doesNotContain("literal-pw");
    }

    @Test
    void eachProblemOfACdcPipelineNamesItsKeyAndLine() {
        assertThat(problems("""
                lakehub:
                  pipelines:
                    - id: orders
                      from: cdc
                      into: orders
                      mode: append
                      schedule: "0 * * * * ?"
                      format: csv
                      cdc:
                        url: "jdbc:mysql://db/shop"
                        tables: [orders, public.items]
                        slot: Lakehub-Orders
                        publicaton: x
                """))
                .containsExactly(
                        "config/lakehub.yaml:3: lakehub.pipelines[0]: missing required key 'key': from: cdc upserts by"
                                + " the table's primary key; name its columns, e.g. key: [id]",
                        "config/lakehub.yaml:6: lakehub.pipelines[0].mode: from: cdc upserts by the table's primary key"
                                + " (an update replaces its row, a delete hides it); write mode: upsert or leave mode out",
                        "config/lakehub.yaml:7: lakehub.pipelines[0].schedule: from: cdc streams changes as they are"
                                + " committed; remove the schedule",
                        "config/lakehub.yaml:8: lakehub.pipelines[0].format: format only applies to files; from: cdc"
                                + " reads typed changes of a table",
                        "config/lakehub.yaml:10: lakehub.pipelines[0].cdc.url: change data capture reads PostgreSQL:"
                                + " give a URL such as jdbc:postgresql://127.0.0.1:5432/shop",
                        "config/lakehub.yaml:11: lakehub.pipelines[0].cdc.tables: one table per pipeline: a pipeline"
                                + " writes one dataset; declare a pipeline per table",
                        "config/lakehub.yaml:11: lakehub.pipelines[0].cdc.tables: 'orders' is not a schema-qualified"
                                + " table name; write e.g. public.orders",
                        "config/lakehub.yaml:12: lakehub.pipelines[0].cdc.slot: 'Lakehub-Orders' is not a replication"
                                + " slot name: lower-case letters, digits and _ (at most 63)",
                        "config/lakehub.yaml:13: lakehub.pipelines[0].cdc.publicaton: unknown key 'publicaton' (did you"
                                + " mean 'publication'?); known keys: url, user, password, tables, slot, publication");
    }

    @Test
    void aCdcBlockNeedsFromCdcAndFromCdcNeedsOne() {
        assertThat(problems("""
                lakehub:
                  pipelines:
                    - id: orders
                      from: "file:inbox/orders"
                      into: orders
                      cdc: { url: "jdbc:postgresql://db/shop", tables: [public.orders], slot: s }
                    - id: items
                      from: cdc
                      into: items
                      key: [id]
                """))
                .containsExactly(
                        "config/lakehub.yaml:6: lakehub.pipelines[0].cdc: cdc only applies to from: cdc (PostgreSQL"
                                + " change data capture)",
                        "config/lakehub.yaml:7: lakehub.pipelines[1]: missing required key 'cdc': from: cdc needs the"
                                + " table to capture, e.g. cdc: { url: \"jdbc:postgresql://host/db\", user: lakehub,"
                                + " tables: [public.orders], slot: lakehub_orders }");
    }

    @Test
    void twoPipelinesCannotShareASlot() {
        assertThat(problems("""
                lakehub:
                  pipelines:
                    - id: orders
                      from: cdc
                      into: orders
                      key: [id]
                      cdc: { url: "jdbc:postgresql://db/shop", tables: [public.orders], slot: shared }
                    - id: items
                      from: cdc
                      into: items
                      key: [id]
                      cdc: { url: "jdbc:postgresql://db/shop", tables: [public.items], slot: shared }
                """))
                .containsExactly("config/lakehub.yaml:12: lakehub.pipelines[1].cdc.slot: replication slot 'shared' is"
                        + " used by lakehub.pipelines[0] at line 7 already; each pipeline needs a slot of its own (a"
                        + " slot has one reader)");
    }

    private static String pipeline(String extra) {
        return """
                lakehub:
                  pipelines:
                    - id: orders
                      from: cdc
                      into: orders
                      key: [id]
                %s""".formatted(extra);
    }

    private List<String> problems(String yaml) {
        try {
            loader.parse(yaml, FILE);
        } catch (PipelineConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        return List.of();
    }
}
