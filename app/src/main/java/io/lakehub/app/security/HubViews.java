package io.lakehub.app.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehub.app.api.document.ViewDocument;
import io.lakehub.app.api.document.ViewRequest;
import io.lakehub.app.hub.InvalidRequestException;
import io.lakehub.app.hub.UnknownDatasetException;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.query.QueryFailedException;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.catalog.schema.ColumnNames;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.views.DuplicateViewException;
import io.lakehub.catalog.views.StoredView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User views (ADR 0030): a named window onto one dataset with chosen columns, a row filter and
 * redactions, registered in DuckDB and kept in the catalog, registered again at every start. A
 * view's columns are readable by every role; creating or deleting one needs a role cleared for every
 * PII column the view reads, redacted or not, so only a role that may see the data can share it.
 * The row filter goes through the same SQL guard as every query.
 */
public final class HubViews {
    private static final Logger LOG = LoggerFactory.getLogger(HubViews.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final List<String> REDACTIONS = List.of("mask", "hash", "null");

    private final Supplier<SqlEngine> engine;
    private final Catalog catalog;
    private final QueryAccess access;
    private final String hashKey;

    /** @param hashKey the key of hash redactions, or null when none is configured */
    public HubViews(Supplier<SqlEngine> engine, Catalog catalog, QueryAccess access, String hashKey) {
        this.engine = engine;
        this.catalog = catalog;
        this.access = access;
        this.hashKey = hashKey == null || hashKey.isBlank() ? null : hashKey;
    }

    /** A view's definition as stored: columns, row filter and redactions. */
    private record Definition(String base, List<String> columns, String rowFilter, Map<String, String> redactions) {}

    /**
     * Registers the redaction functions and every stored view in DuckDB.
     *
     * @throws IllegalStateException when a stored view hashes a column and no hash key is configured
     */
    public void start() {
        try {
            engine.get().registerFunction(Redactions.MASK_FUNCTION, Redactions::mask);
            if (hashKey != null) {
                engine.get().registerFunction(Redactions.HASH_FUNCTION, Redactions.hmac(hashKey));
            }
        } catch (UnsupportedOperationException e) {
            LOG.info("This hub's SQL engine has no user views ({}); /api/views is unavailable.", e.getMessage());
            return;
        }
        List<StoredView> stored;
        try {
            stored = catalog.views().list();
        } catch (UnsupportedOperationException e) {
            LOG.info("This hub's catalog keeps no user views ({}); /api/views is unavailable.", e.getMessage());
            return;
        }
        List<String> needKey = new ArrayList<>();
        for (StoredView view : stored) {
            if (read(view).redactions().containsValue("hash") && hashKey == null) {
                needKey.add(view.name());
            }
        }
        if (!needKey.isEmpty()) {
            throw new IllegalStateException("The views " + needKey + " hash columns, and no hash key is configured:"
                    + " set " + Redactions.HASH_KEY_SETTING + " (environment LAKEHUB_PII_HASH_KEY) to the key they"
                    + " were created with, or delete the views.");
        }
        int registered = 0;
        for (StoredView view : stored) {
            try {
                engine.get().defineView(view.name(), select(view.name(), read(view)));
                registered++;
            } catch (QueryFailedException e) {
                LOG.error(
                        "The view {} could not be registered in DuckDB; queries of it fail until it is deleted and"
                                + " created again: {}",
                        view.name(),
                        e.getMessage(),
                        e);
            }
        }
        if (!stored.isEmpty()) {
            LOG.info("{} of {} user view(s) registered", registered, stored.size());
        }
    }

    public synchronized ViewDocument create(Caller caller, ViewRequest request) {
        if (request == null) {
            throw new InvalidRequestException(
                    "No view given: send {\"name\": ..., \"base\": ..., \"columns\": [...], \"row_filter\": ...,"
                            + " \"redactions\": {...}}.");
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (!NAME.matcher(name).matches() || name.startsWith("lakehub_")) {
            throw new InvalidRequestException("Invalid view name '" + name + "': a view name is a lower-case letter"
                    + " followed by up to 62 lower-case letters, digits or underscores, not starting with lakehub_.");
        }
        if (catalog.dataset(DatasetName.of(name)).isPresent()) {
            throw new InvalidRequestException(
                    "A dataset named " + name + " exists; a view needs a name no dataset has.");
        }
        if (catalog.views().find(name).isPresent()) {
            throw new DuplicateViewException("A view named " + name + " exists already; delete it first.", null);
        }
        String baseName = request.base() == null ? "" : request.base().strip();
        if (!DatasetName.isValid(baseName)) {
            throw new InvalidRequestException("The view's base must be a dataset name; got '" + baseName + "'.");
        }
        DatasetInfo base =
                catalog.dataset(DatasetName.of(baseName)).orElseThrow(() -> new UnknownDatasetException(baseName));
        List<String> available = base.schema().fields().stream()
                .map(LakeField::name)
                .map(ColumnNames::printable)
                .toList();
        List<String> columns = new ArrayList<>();
        if (request.columns() == null || request.columns().isEmpty()) {
            columns.addAll(available);
        } else {
            for (String requested : request.columns()) {
                String column = resolve(requested, available, baseName, "columns");
                if (columns.contains(column)) {
                    throw new InvalidRequestException("The column " + column + " is listed twice in columns.");
                }
                columns.add(column);
            }
        }
        Map<String, String> redactions = new LinkedHashMap<>();
        if (request.redactions() != null) {
            for (Map.Entry<String, String> e : request.redactions().entrySet()) {
                String column = resolve(e.getKey(), columns, name, "redactions");
                String how =
                        e.getValue() == null ? "null" : e.getValue().strip().toLowerCase(Locale.ROOT);
                if (!REDACTIONS.contains(how)) {
                    throw new InvalidRequestException("The redaction of column " + column + " is '" + e.getValue()
                            + "'; use mask, hash or null.");
                }
                redactions.put(column, how);
            }
        }
        if (redactions.containsValue("hash") && hashKey == null) {
            throw new InvalidRequestException("A hash redaction needs a key, and none is configured: set "
                    + Redactions.HASH_KEY_SETTING + " (environment LAKEHUB_PII_HASH_KEY) and restart the hub.");
        }
        String filter = request.rowFilter() == null || request.rowFilter().isBlank()
                ? null
                : request.rowFilter().strip();
        Definition definition = new Definition(baseName, columns, filter, redactions);
        String select = select(name, definition);
        access.check(caller, select);
        engine.get().defineView(name, select);
        StoredView stored =
                new StoredView(name, baseName, write(definition), caller.role().name(), Instant.now());
        try {
            catalog.views().insert(stored);
        } catch (RuntimeException e) {
            engine.get().dropView(name);
            throw e;
        }
        audit(caller, "view.create", stored, definition);
        return document(stored);
    }

    public List<ViewDocument> list() {
        return catalog.views().list().stream().map(this::document).toList();
    }

    public ViewDocument get(String name) {
        return document(catalog.views().find(name).orElseThrow(() -> new UnknownViewException(name)));
    }

    public synchronized void delete(Caller caller, String name) {
        StoredView view = catalog.views().find(name).orElseThrow(() -> new UnknownViewException(name));
        Definition definition = read(view);
        access.check(caller, select(name, definition));
        catalog.views().delete(name);
        engine.get().dropView(name);
        audit(caller, "view.drop", view, definition);
    }

    /** The view's query: the chosen columns, redacted ones through the redaction functions. */
    static String select(String name, Definition d) {
        StringJoiner columns = new StringJoiner(", ");
        for (String column : d.columns()) {
            String id = identifier(column);
            String how = d.redactions().get(column);
            if (how == null) {
                columns.add(id);
            } else if (how.equals("null")) {
                columns.add("CAST(NULL AS VARCHAR) AS " + id);
            } else {
                String function = how.equals("mask") ? Redactions.MASK_FUNCTION : Redactions.HASH_FUNCTION;
                columns.add(function + "(CAST(" + id + " AS VARCHAR)) AS " + id);
            }
        }
        return "SELECT " + columns + " FROM " + identifier(d.base())
                + (d.rowFilter() == null ? "" : " WHERE (" + d.rowFilter() + "\n)");
    }

    private static String resolve(String requested, List<String> available, String where, String field) {
        if (requested != null) {
            for (String column : available) {
                if (column.equalsIgnoreCase(requested.strip())) {
                    return column;
                }
            }
        }
        throw new InvalidRequestException("The column '" + requested + "' in " + field + " is not a column of " + where
                + "; its columns are " + available + ".");
    }

    private void audit(Caller caller, String action, StoredView view, Definition d) {
        ObjectNode details = JSON.createObjectNode();
        details.put("role", caller.role().name());
        if (caller.keyName() != null) {
            details.put("key", caller.keyName());
        }
        details.put("base", d.base());
        details.set("columns", JSON.valueToTree(d.columns()));
        details.set("redactions", JSON.valueToTree(d.redactions()));
        // The filter's text may hold PII literals; the journal says only whether there is one.
        details.put("row_filter", d.rowFilter() != null);
        catalog.audit().append(new AuditEntry("http", action, "view:" + view.name(), details.toString()));
    }

    private ViewDocument document(StoredView view) {
        Definition d = read(view);
        return new ViewDocument(
                view.name(),
                view.base(),
                d.columns(),
                d.rowFilter(),
                d.redactions(),
                view.createdBy(),
                view.createdAt().toString());
    }

    private static String write(Definition d) {
        ObjectNode json = JSON.createObjectNode();
        json.set("columns", JSON.valueToTree(d.columns()));
        json.put("row_filter", d.rowFilter());
        json.set("redactions", JSON.valueToTree(d.redactions()));
        return json.toString();
    }

    private static Definition read(StoredView view) {
        try {
            JsonNode json = JSON.readTree(view.definition());
            List<String> columns = new ArrayList<>();
            json.path("columns").forEach(c -> columns.add(c.asText()));
            Map<String, String> redactions = new LinkedHashMap<>();
            json.path("redactions")
                    .properties()
                    .forEach(e -> redactions.put(e.getKey(), e.getValue().asText()));
            JsonNode filter = json.path("row_filter");
            return new Definition(view.base(), columns, filter.isTextual() ? filter.asText() : null, redactions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "The stored definition of view " + view.name() + " is not valid JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The hash key from the configuration, if any. */
    static Optional<String> hashKey(org.springframework.core.env.Environment environment) {
        return Optional.ofNullable(environment.getProperty(Redactions.HASH_KEY_SETTING))
                .filter(k -> !k.isBlank());
    }
}
