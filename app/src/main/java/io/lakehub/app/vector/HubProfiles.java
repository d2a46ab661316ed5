package io.lakehub.app.vector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehub.app.api.document.IndexSearchRequest;
import io.lakehub.app.api.document.IndexSearchResponse;
import io.lakehub.app.api.document.ProfileActivation;
import io.lakehub.app.api.document.ProfileRequest;
import io.lakehub.app.api.document.ProfileSearchRequest;
import io.lakehub.app.api.document.ViewDocument;
import io.lakehub.app.hub.InvalidRequestException;
import io.lakehub.app.security.AccessDeniedException;
import io.lakehub.app.security.Caller;
import io.lakehub.app.security.HubViews;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.profiles.ProfileStore;
import io.lakehub.catalog.profiles.StoredProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Search profiles (ADR 0041): each consumer's scope — the datasets, governance views and vector
 * indexes it may search — and its defaults, kept in the catalog. A search through a profile reaches
 * only its indexes; an index whose dataset the profile binds only through a view returns its rows
 * through that view (redacted, filtered), never the raw rows or the raw chunk text.
 *
 * <p>Thread-safe.
 */
public final class HubProfiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Catalog catalog;
    private final HubIndexes indexes;
    private final HubViews views;
    private final int maxK;

    public HubProfiles(Catalog catalog, HubIndexes indexes, HubViews views, int maxK) {
        this.catalog = catalog;
        this.indexes = indexes;
        this.views = views;
        this.maxK = maxK;
    }

    private ProfileStore store() {
        return catalog.searchProfiles();
    }

    /**
     * Stores a new profile after checking its bindings: every index exists and its dataset is bound,
     * directly or through a view over it that shows the index's key column.
     *
     * @throws AccessDeniedException when the caller is not an admin
     */
    public ProfileRequest create(Caller caller, ProfileRequest request) {
        Caller who = caller == null ? Caller.ANONYMOUS : caller;
        if (!who.role().all()) {
            throw new AccessDeniedException("Creating a search profile needs the admin role; the caller's role is "
                    + who.role().name() + ".");
        }
        if (request == null || request.id() == null || request.id().isBlank()) {
            throw new InvalidRequestException("No profile id given: send {\"id\": ..., \"datasets\": [...],"
                    + " \"indexes\": [...], \"defaults\": {\"k\": 10, \"filter\": null, \"mode\": \"vector\"}}.");
        }
        String id = request.id().trim();
        if (!DatasetName.isValid(id)) {
            throw new InvalidRequestException("Invalid profile id '" + id
                    + "': use lower-case letters, digits and underscores, starting with a letter (like a dataset).");
        }
        List<String> datasets = names(request.datasets(), "datasets");
        List<String> bound = names(request.indexes(), "indexes");
        if (bound.isEmpty()) {
            throw new InvalidRequestException("Profile " + id + " binds no index: give \"indexes\": [...].");
        }
        for (String d : datasets) {
            if (view(d).isEmpty()
                    && (!DatasetName.isValid(d)
                            || catalog.dataset(DatasetName.of(d)).isEmpty())) {
                throw new InvalidRequestException("Profile " + id + " binds '" + d
                        + "', which is neither a dataset nor a view (GET /api/datasets, GET /api/views).");
            }
        }
        for (String index : bound) {
            relation(id, datasets, index);
        }
        ProfileRequest.Defaults defaults = request.defaults();
        Integer k = defaults == null ? null : defaults.k();
        if (k != null && (k < 1 || k > maxK)) {
            throw new InvalidRequestException(
                    "defaults.k must be between 1 and " + maxK + ", got " + k + " (profile " + id + ").");
        }
        String mode =
                defaults == null || defaults.mode() == null || defaults.mode().isBlank()
                        ? null
                        : defaults.mode().trim().toLowerCase(Locale.ROOT);
        if (mode != null && !mode.equals("vector") && !mode.equals("hybrid")) {
            throw new InvalidRequestException(
                    "Unknown defaults.mode '" + defaults.mode() + "' (profile " + id + "): use vector or hybrid.");
        }
        String filter = defaults == null
                        || defaults.filter() == null
                        || defaults.filter().isBlank()
                ? null
                : defaults.filter().trim();
        StoredProfile stored = new StoredProfile(
                id,
                datasets,
                bound,
                k,
                filter,
                mode,
                who.keyName() == null ? who.role().name() : who.keyName(),
                Instant.now());
        if (!store().insert(stored)) {
            throw new IndexExistsException("A search profile named " + id + " exists already; delete it first.");
        }
        audit(who, "profile.create", stored);
        return document(stored);
    }

    public List<ProfileRequest> list() {
        return store().list().stream().map(HubProfiles::document).toList();
    }

    public ProfileRequest get(String id) {
        return document(stored(id));
    }

    /** @throws AccessDeniedException when the caller is not an admin */
    public void delete(Caller caller, String id) {
        Caller who = caller == null ? Caller.ANONYMOUS : caller;
        if (!who.role().all()) {
            throw new AccessDeniedException("Deleting a search profile needs the admin role; the caller's role is "
                    + who.role().name() + ".");
        }
        StoredProfile p = stored(id);
        store().delete(id);
        audit(who, "profile.delete", p);
    }

    /**
     * Searches one of the profile's indexes with its defaults.
     *
     * @throws AccessDeniedException naming the allowed indexes and datasets when the index is not bound
     */
    public IndexSearchResponse search(Caller caller, String id, ProfileSearchRequest request) {
        StoredProfile p = stored(id);
        if (request == null || request.query() == null || request.query().isBlank()) {
            throw new InvalidRequestException("No query given: send {\"query\": \"...\", \"k\": 10"
                    + (p.indexes().size() > 1 ? ", \"index\": one of " + p.indexes() : "") + "}.");
        }
        String index = request.index() == null || request.index().isBlank()
                ? null
                : request.index().trim();
        if (index == null) {
            if (p.indexes().size() != 1) {
                throw new InvalidRequestException("Profile " + id + " binds several indexes: say which with \"index\":"
                        + " one of " + p.indexes() + ".");
            }
            index = p.indexes().get(0);
        }
        if (!p.indexes().contains(index)) {
            throw new AccessDeniedException("Profile " + id + " may not search index '" + index
                    + "': it is bound to indexes " + p.indexes() + " over datasets " + p.datasets() + ".");
        }
        String relation = relation(id, p.datasets(), index);
        String filter = request.filter() == null || request.filter().isBlank()
                ? null
                : request.filter().trim();
        if (p.defaultFilter() != null) {
            filter = filter == null ? p.defaultFilter() : "(" + p.defaultFilter() + ") AND (" + filter + ")";
        }
        IndexSearchRequest search = new IndexSearchRequest(
                request.query(),
                request.k() != null ? request.k() : p.defaultK(),
                filter,
                request.mode() != null ? request.mode() : p.defaultMode());
        return indexes.searchThrough(caller, index, search, relation);
    }

    /** Opens every index of the profile into memory; an index that cannot be opened is reported, not fatal. */
    public ProfileActivation activate(String id) {
        StoredProfile p = stored(id);
        long start = System.nanoTime();
        List<ProfileActivation.Warmed> warmed = new ArrayList<>();
        for (String index : p.indexes()) {
            long t = System.nanoTime();
            try {
                long chunks = indexes.warm(index);
                warmed.add(new ProfileActivation.Warmed(index, chunks, (System.nanoTime() - t) / 1_000_000, null));
            } catch (RuntimeException e) {
                warmed.add(new ProfileActivation.Warmed(index, 0, (System.nanoTime() - t) / 1_000_000, e.getMessage()));
            }
        }
        return new ProfileActivation(id, warmed, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * What the profile reads the index's rows from: the index's dataset when bound, else a bound view
     * over that dataset showing the key column.
     */
    private String relation(String id, List<String> datasets, String index) {
        String dataset = indexes.datasetOf(index);
        if (datasets.contains(dataset)) {
            return dataset;
        }
        String key = indexes.keyColumnOf(index);
        for (String d : datasets) {
            Optional<ViewDocument> v = view(d);
            if (v.isPresent() && v.get().base().equals(dataset)) {
                boolean showsKey = v.get().columns().stream().anyMatch(c -> c.equalsIgnoreCase(key));
                boolean redacted = v.get().redactions() != null
                        && v.get().redactions().keySet().stream().anyMatch(c -> c.equalsIgnoreCase(key));
                if (showsKey && !redacted) {
                    return d;
                }
            }
        }
        throw new InvalidRequestException("Profile " + id + ": index " + index + " is over dataset " + dataset
                + ", which the profile binds neither directly nor through a view showing its key column " + key
                + " unredacted; bound: " + datasets + ".");
    }

    private Optional<ViewDocument> view(String name) {
        if (views == null) {
            return Optional.empty();
        }
        return views.list().stream().filter(v -> v.name().equals(name)).findFirst();
    }

    private StoredProfile stored(String id) {
        return store().find(id)
                .orElseThrow(() -> new UnknownIndexException(
                        "No search profile named '" + id + "' (GET /api/profiles lists them)."));
    }

    private static List<String> names(List<String> given, String field) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (given != null) {
            for (String n : given) {
                if (n == null || n.isBlank() || n.contains(",")) {
                    throw new InvalidRequestException("Invalid name '" + n + "' in " + field + ".");
                }
                out.add(n.trim());
            }
        }
        return List.copyOf(out);
    }

    private void audit(Caller caller, String action, StoredProfile p) {
        ObjectNode details = JSON.createObjectNode();
        details.put("role", caller.role().name());
        if (caller.keyName() != null) {
            details.put("key", caller.keyName());
        }
        details.set("datasets", JSON.valueToTree(p.datasets()));
        details.set("indexes", JSON.valueToTree(p.indexes()));
        catalog.audit().append(new AuditEntry("http", action, "profile:" + p.id(), details.toString()));
    }

    static ProfileRequest document(StoredProfile p) {
        return new ProfileRequest(
                p.id(),
                p.datasets(),
                p.indexes(),
                new ProfileRequest.Defaults(p.defaultK(), p.defaultFilter(), p.defaultMode()),
                p.createdBy(),
                p.createdAt().toString());
    }
}
