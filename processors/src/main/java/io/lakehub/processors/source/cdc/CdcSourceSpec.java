package io.lakehub.processors.source.cdc;

import io.lakehub.catalog.commit.Redaction;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@code from: cdc} pipeline reads: the changes of one PostgreSQL table through a logical
 * replication slot (pgoutput), as {@code cdc: { url, user, password, tables, slot, publication }}
 * declares them.
 *
 * @param pipeline the pipeline id; namespaces the position property ({@link #positionKey()})
 * @param url {@code jdbc:postgresql://host[:port]/database}
 * @param user database user (needs the REPLICATION attribute, or to be a superuser)
 * @param password database password; {@code null} when none. Never logged, never in a message
 * @param tables the captured tables, {@code schema.table}; one table per pipeline for now
 * @param slot the replication slot (created on first start, kept across restarts)
 * @param publication the publication the slot decodes; created for the tables when missing
 */
public record CdcSourceSpec(
        String pipeline,
        String url,
        String user,
        String password,
        List<String> tables,
        String slot,
        String publication) {

    /** Prefix of the snapshot property holding a pipeline's replication position. */
    public static final String POSITION_PREFIX = "position.cdc";

    /**
     * The hidden boolean column a change batch carries: true for a delete. The upsert's last step
     * consumes it (it never reaches the dataset) and hides the row's key.
     */
    public static final String DELETED_COLUMN = "_lakehub_cdc_deleted";

    private static final Pattern SLOT = Pattern.compile("[a-z0-9_]{1,63}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}\\.[A-Za-z_][A-Za-z0-9_$]{0,62}");

    public CdcSourceSpec {
        Objects.requireNonNull(pipeline, "pipeline");
        tables = List.copyOf(tables);
        if (urlProblem(url) != null) {
            throw new IllegalArgumentException("cdc.url: " + urlProblem(url));
        }
        if (tables.size() != 1 || tableProblem(tables.getFirst()) != null) {
            throw new IllegalArgumentException("cdc.tables: give exactly one table, schema.table");
        }
        if (slotProblem(slot) != null) {
            throw new IllegalArgumentException("cdc.slot: " + slotProblem(slot));
        }
        if (publication == null || publication.isBlank()) {
            publication = defaultPublication(slot);
        }
    }

    /** The publication a pipeline uses when none is named: {@code <slot>_pub}. */
    public static String defaultPublication(String slot) {
        return slot + "_pub";
    }

    /** Why {@code url} is not a PostgreSQL JDBC URL with host and database, or {@code null}. */
    public static String urlProblem(String url) {
        if (url == null || !url.strip().startsWith("jdbc:postgresql://")) {
            return "change data capture reads PostgreSQL: give a URL such as jdbc:postgresql://127.0.0.1:5432/shop";
        }
        try {
            URI uri = URI.create(url.strip().substring("jdbc:".length()));
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
                return "name the host and the database, e.g. jdbc:postgresql://127.0.0.1:5432/shop";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "is not a URL: " + e.getMessage();
        }
    }

    /** Why {@code table} is not {@code schema.table}, or {@code null}. */
    public static String tableProblem(String table) {
        if (table == null || !TABLE.matcher(table.strip()).matches()) {
            return "'" + table + "' is not a schema-qualified table name; write e.g. public.orders";
        }
        return null;
    }

    /** Why {@code slot} cannot name a replication slot, or {@code null}. */
    public static String slotProblem(String slot) {
        if (slot == null || !SLOT.matcher(slot).matches()) {
            return "'" + slot + "' is not a replication slot name: lower-case letters, digits and _ (at most 63)";
        }
        return null;
    }

    /** Why {@code publication} cannot name a publication, or {@code null}. */
    public static String publicationProblem(String publication) {
        if (publication == null || !IDENTIFIER.matcher(publication).matches()) {
            return "'" + publication + "' is not a publication name: letters, digits and _ (at most 63)";
        }
        return null;
    }

    /** The host of {@link #url}. */
    public String host() {
        return URI.create(url.strip().substring("jdbc:".length())).getHost();
    }

    /** The port of {@link #url}; 5432 when not given. */
    public int port() {
        int port = URI.create(url.strip().substring("jdbc:".length())).getPort();
        return port < 0 ? 5432 : port;
    }

    /** The database of {@link #url}. */
    public String database() {
        return URI.create(url.strip().substring("jdbc:".length())).getPath().substring(1);
    }

    /** The captured table, {@code schema.table}. */
    public String table() {
        return tables.getFirst();
    }

    /** The snapshot property holding this pipeline's replication position: {@code position.cdc.<pipeline>}. */
    public String positionKey() {
        return POSITION_PREFIX + "." + pipeline;
    }

    /** What lineage and messages show as the source: the URL without credentials, the table and the slot. */
    public String describe() {
        return Redaction.redactUri(url) + " table " + table() + " slot " + slot;
    }

    @Override
    public String toString() {
        return "CdcSourceSpec[pipeline=" + pipeline + ", " + describe() + ", user=" + user + ", publication="
                + publication + (password == null ? "" : ", password=***") + "]";
    }
}
