package io.lakehub.vector.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehub.vector.chunk.ContentHash;
import io.lakehub.vector.embed.EmbeddingProvider;
import io.lakehub.vector.embed.Vectors;
import io.lakehub.vector.index.IndexSignature;
import io.lakehub.vector.index.IndexSnapshot;
import io.lakehub.vector.index.ScoredOrdinal;
import io.lakehub.vector.index.VectorIndex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Queries for one index with their ground truth (the row keys a perfect search returns, best first), tied to the
 * index's {@code build_signature}: a set made for another signature measures a different index and is refused by
 * {@link #prepare}.
 *
 * <p>Made by {@link #generate} (sampled chunks' vectors or texts, optionally perturbed, truth by an exact scan of
 * every vector of the index) or uploaded ({@link #fromJson}, then {@link #validate} against the index). Stored as
 * JSON ({@link #toJson}); {@link #fingerprint()} identifies the content, so two trials compare only on the same set
 * (compare sets by fingerprint: the records' {@code equals} compares query vectors by identity).
 *
 * @param buildSignature the signature of the index the truth was computed on ({@code null} for an uploaded set not
 *     validated yet)
 * @param k the cut-off of recall@k (≥ 1)
 * @param origin generated or uploaded
 * @param queries at least one
 */
public record EvaluationSet(String buildSignature, int k, Origin origin, List<Query> queries) {

    /** The format tag written in the JSON form. */
    public static final String FORMAT = "lakehub-evalset/1";

    /** Problems listed in an error message before "and N more". */
    static final int MAX_LISTED = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a set came from. */
    public enum Origin {
        GENERATED,
        UPLOADED
    }

    /**
     * One query: a vector or a text (embedded with the index's provider), its expected keys best first, and
     * optionally the keys a filter allows.
     *
     * @param id unique in the set
     * @param vector the query vector, or {@code null} for a text query
     * @param text the query text, or {@code null} for a vector query
     * @param expected the true nearest row keys, best first (the first k count)
     * @param filter the allowed row keys of a filtered query, or {@code null}
     */
    public record Query(String id, float[] vector, String text, List<String> expected, List<String> filter) {

        public Query {
            expected = expected == null ? List.of() : List.copyOf(expected);
            filter = filter == null ? null : List.copyOf(filter);
        }
    }

    public EvaluationSet {
        Objects.requireNonNull(origin, "origin");
        queries = queries == null ? List.of() : List.copyOf(queries);
        List<String> problems = new ArrayList<>();
        if (k < 1) {
            problems.add("k must be ≥ 1, got " + k);
        }
        if (queries.isEmpty()) {
            problems.add("the set has no queries: an evaluation set needs at least one query with expected keys");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            String where = "query " + (i + 1) + (q.id() == null ? "" : " ('" + q.id() + "')");
            if (q.id() == null || q.id().isBlank()) {
                problems.add(where + " has no id");
            } else if (!ids.add(q.id())) {
                problems.add(where + " repeats the id '" + q.id() + "'");
            }
            if ((q.vector() == null) == (q.text() == null)) {
                problems.add(where + " needs exactly one of 'vector' and 'text'");
            }
            if (q.vector() != null && q.vector().length == 0) {
                problems.add(where + " has an empty vector");
            }
            if (q.expected().isEmpty()) {
                problems.add(where + " has no expected keys");
            }
            if (q.filter() != null && q.filter().isEmpty()) {
                problems.add(where + " has an empty filter (no key allowed): drop 'filter' for an unfiltered query");
            }
        }
        if (!problems.isEmpty()) {
            throw new EvaluationSetException("invalid evaluation set", limit(problems));
        }
    }

    /**
     * How {@link #generate} samples.
     *
     * @param queries how many queries (at most the number of chunks)
     * @param k the cut-off of recall@k
     * @param texts sample chunk texts (embedded with the index's provider) instead of chunk vectors
     * @param noise perturbation: for vectors the norm of a random Gaussian offset added before re-normalising (0 =
     *     the chunk's own vector); for texts the probability of dropping each word (0 = the chunk's own text)
     * @param filteredFraction the fraction of queries given a random filter (0 … 1)
     * @param filterSelectivity the fraction of the rows a filter allows (0 … 1]
     * @param seed the seed of every random choice (same seed, same index ⇒ same set)
     */
    public record Generation(
            int queries,
            int k,
            boolean texts,
            double noise,
            double filteredFraction,
            double filterSelectivity,
            long seed) {

        public Generation {
            if (queries < 1 || k < 1) {
                throw new IllegalArgumentException("queries and k must be ≥ 1, got " + queries + " and " + k);
            }
            if (!(noise >= 0) || !(filteredFraction >= 0 && filteredFraction <= 1)) {
                throw new IllegalArgumentException("noise ≥ 0 and filteredFraction in [0, 1] are required");
            }
            if (!(filterSelectivity > 0 && filterSelectivity <= 1)) {
                throw new IllegalArgumentException("filterSelectivity must be in (0, 1], got " + filterSelectivity);
            }
        }

        /** {@code queries} perturbed vector queries (noise 0.3), recall@{@code k}, no filters. */
        public static Generation vectors(int queries, int k, long seed) {
            return new Generation(queries, k, false, 0.3, 0, 0.05, seed);
        }

        public Generation withTexts(boolean value) {
            return new Generation(queries, k, value, noise, filteredFraction, filterSelectivity, seed);
        }

        public Generation withNoise(double value) {
            return new Generation(queries, k, texts, value, filteredFraction, filterSelectivity, seed);
        }

        public Generation withFilters(double fraction, double selectivity) {
            return new Generation(queries, k, texts, noise, fraction, selectivity, seed);
        }
    }

    /** Generates a set for the index as it is now (see {@link #generate(IndexSnapshot, IndexSignature, EmbeddingProvider, Generation)}). */
    public static EvaluationSet generate(VectorIndex index, Generation options) {
        IndexSignature signature = index.signature();
        if (signature == null) {
            throw new IllegalStateException("the index in " + index.directory()
                    + " has not been refreshed yet: there is nothing to evaluate against");
        }
        try (IndexSnapshot snapshot = index.snapshot()) {
            return generate(snapshot, signature, index.provider(), options);
        }
    }

    /**
     * Samples distinct chunks (seeded), turns each into a query (its vector or text, perturbed by
     * {@link Generation#noise}), draws a random filter for {@link Generation#filteredFraction} of them, and computes
     * the truth by an exact scan of all (accepted) vectors of the snapshot, one key per row (its best chunk).
     *
     * @param provider embeds text queries (unused for vector queries)
     */
    public static EvaluationSet generate(
            IndexSnapshot snapshot, IndexSignature signature, EmbeddingProvider provider, Generation options) {
        Objects.requireNonNull(signature, "signature");
        int n = snapshot.size();
        if (n == 0) {
            throw new IllegalArgumentException("the index is empty: there is nothing to evaluate against");
        }
        if (options.queries() > n) {
            throw new IllegalArgumentException(
                    "asked for " + options.queries() + " queries but the index has only " + n + " chunks");
        }
        Random random = new Random(options.seed());
        int[] ordinals = sample(n, options.queries(), random);
        List<String> allKeys = options.filteredFraction() > 0 ? distinctKeys(snapshot) : List.of();
        List<float[]> vectors = new ArrayList<>(ordinals.length);
        List<String> texts = new ArrayList<>(ordinals.length);
        List<List<String>> filters = new ArrayList<>(ordinals.length);
        for (int ordinal : ordinals) {
            if (options.texts()) {
                texts.add(perturbText(snapshot.text(ordinal), options.noise(), random));
            } else {
                vectors.add(perturbVector(snapshot.vector(ordinal), options.noise(), random));
            }
            if (random.nextDouble() < options.filteredFraction()) {
                int size = Math.max(1, (int) Math.round(allKeys.size() * options.filterSelectivity()));
                List<String> filter = new ArrayList<>(size);
                for (int i : sample(allKeys.size(), size, random)) {
                    filter.add(allKeys.get(i));
                }
                filters.add(filter);
            } else {
                filters.add(null);
            }
        }
        if (options.texts()) {
            vectors = Arrays.asList(embed(provider, texts));
        }
        List<Query> queries = new ArrayList<>(ordinals.length);
        for (int i = 0; i < ordinals.length; i++) {
            List<String> filter = filters.get(i);
            IndexSnapshot.AcceptSet accept = filter == null ? snapshot.acceptAll() : snapshot.acceptKeys(filter);
            List<String> truth = exactKeys(snapshot, vectors.get(i), options.k(), accept);
            queries.add(new Query(
                    "q" + i,
                    options.texts() ? null : vectors.get(i),
                    options.texts() ? texts.get(i) : null,
                    truth,
                    filter));
        }
        return new EvaluationSet(signature.hex(), options.k(), Origin.GENERATED, queries);
    }

    /**
     * Checks an (uploaded) set against the index and returns it stamped with the index's signature.
     *
     * @throws EvaluationSetException listing every expected or filter key the index does not hold (naming the query
     *     and the key), vectors of the wrong dimension, and text queries without a provider
     */
    public EvaluationSet validate(IndexSnapshot snapshot, IndexSignature signature, EmbeddingProvider provider) {
        Objects.requireNonNull(signature, "signature");
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            String where = "query " + (i + 1) + " ('" + q.id() + "')";
            if (q.vector() != null && q.vector().length != snapshot.dimensions()) {
                problems.add(where + " has a " + q.vector().length + "-d vector but the index holds "
                        + snapshot.dimensions() + "-d vectors");
            }
            if (q.text() != null && provider == null) {
                problems.add(where + " is a text query but no embedding provider was given");
            }
            for (String key : q.expected()) {
                if (!snapshot.containsKey(key)) {
                    problems.add(where + " expects the key '" + shorten(key) + "', which is not in the index");
                }
            }
            if (q.filter() != null) {
                for (String key : q.filter()) {
                    if (!snapshot.containsKey(key)) {
                        problems.add(where + " filters on the key '" + shorten(key) + "', which is not in the index");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new EvaluationSetException("the evaluation set does not match the index", limit(problems));
        }
        return new EvaluationSet(signature.hex(), k, origin, queries);
    }

    /** Whether the truth was computed on (or validated against) an index with this signature. */
    public boolean isFor(IndexSignature signature) {
        return signature != null && signature.hex().equals(buildSignature);
    }

    /**
     * Resolves the queries against the snapshot for trials: embeds text queries once (with {@code provider}), builds
     * each filter's accept-set, and cuts the expected keys at k.
     *
     * @param signature the index's current signature, checked against {@link #buildSignature()}
     * @throws EvaluationSetException if the set was made for another signature (naming both) or does not match the
     *     snapshot
     */
    public PreparedEvaluation prepare(IndexSnapshot snapshot, IndexSignature signature, EmbeddingProvider provider) {
        if (!isFor(signature)) {
            throw new EvaluationSetException(
                    "stale evaluation set",
                    List.of("it was made for build signature " + buildSignature + " but the index is now at "
                            + signature + ": generate or validate it again"));
        }
        validate(snapshot, signature, provider);
        List<String> texts = new ArrayList<>();
        for (Query q : queries) {
            if (q.text() != null) {
                texts.add(q.text());
            }
        }
        float[][] embedded = texts.isEmpty() ? new float[0][] : embed(provider, texts);
        int t = 0;
        List<PreparedEvaluation.PreparedQuery> out = new ArrayList<>(queries.size());
        for (Query q : queries) {
            float[] vector = q.vector() != null ? q.vector() : embedded[t++];
            IndexSnapshot.AcceptSet accept =
                    q.filter() == null ? snapshot.acceptAll() : snapshot.acceptKeys(q.filter());
            List<String> truth =
                    q.expected().subList(0, Math.min(k, q.expected().size()));
            out.add(new PreparedEvaluation.PreparedQuery(q.id(), vector, accept, Set.copyOf(truth)));
        }
        return new PreparedEvaluation(fingerprint(), k, snapshot.size(), out);
    }

    /** SHA-256 (hex) of the canonical JSON: equal fingerprints ⇒ the same queries, truth, k and signature. */
    public String fingerprint() {
        return ContentHash.of(toJson().getBytes(StandardCharsets.UTF_8)).hex();
    }

    /** The JSON form (compact, field order fixed), as {@link #fromJson} reads it. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("buildSignature", buildSignature);
        root.put("k", k);
        root.put("origin", origin.name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode qs = root.putArray("queries");
        for (Query q : queries) {
            ObjectNode node = qs.addObject();
            node.put("id", q.id());
            if (q.vector() != null) {
                ArrayNode v = node.putArray("vector");
                for (float f : q.vector()) {
                    v.add(f);
                }
            } else {
                node.put("text", q.text());
            }
            ArrayNode expected = node.putArray("expected");
            q.expected().forEach(expected::add);
            if (q.filter() != null) {
                ArrayNode filter = node.putArray("filter");
                q.filter().forEach(filter::add);
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an evaluation set as JSON", e);
        }
    }

    /**
     * Reads the JSON form: {@code {"k": 10, "queries": [{"id": "q1", "text": "…" | "vector": [...], "expected":
     * ["key", ...], "filter": ["key", ...]}]}} ({@code format}, {@code buildSignature} and {@code origin} optional;
     * without {@code origin} the set counts as uploaded).
     *
     * @param source names the input in messages (a file name, "request body")
     * @throws EvaluationSetException naming the line and column of malformed JSON, or the field and query of a
     *     wrong value
     */
    public static EvaluationSet fromJson(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String at = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new EvaluationSetException(source + " is not valid JSON" + at + ": " + e.getOriginalMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new EvaluationSetException("unreadable evaluation set", List.of(source + " must hold a JSON object"));
        }
        JsonNode format = root.get("format");
        if (format != null && !FORMAT.equals(format.asText())) {
            problems.add("'format' is '" + format.asText() + "', expected '" + FORMAT + "'");
        }
        JsonNode kNode = root.get("k");
        int k = 0;
        if (kNode == null || !kNode.canConvertToInt() || !kNode.isIntegralNumber()) {
            problems.add("'k' must be a whole number ≥ 1");
        } else {
            k = kNode.asInt();
        }
        String signature = text(root.get("buildSignature"));
        Origin origin = Origin.UPLOADED;
        JsonNode originNode = root.get("origin");
        if (originNode != null && !originNode.isNull()) {
            try {
                origin = Origin.valueOf(originNode.asText().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("'origin' must be 'generated' or 'uploaded', got '" + originNode.asText() + "'");
            }
        }
        JsonNode qs = root.get("queries");
        List<Query> queries = new ArrayList<>();
        if (qs == null || !qs.isArray()) {
            problems.add("'queries' must be an array of queries");
        } else {
            for (int i = 0; i < qs.size(); i++) {
                JsonNode q = qs.get(i);
                String where = "queries[" + i + "]";
                if (!q.isObject()) {
                    problems.add(where + " must be an object");
                    continue;
                }
                float[] vector = null;
                JsonNode v = q.get("vector");
                if (v != null && !v.isNull()) {
                    if (!v.isArray()) {
                        problems.add(where + ".vector must be an array of numbers");
                    } else {
                        vector = new float[v.size()];
                        for (int d = 0; d < v.size(); d++) {
                            if (!v.get(d).isNumber()) {
                                problems.add(where + ".vector[" + d + "] is not a number");
                                break;
                            }
                            vector[d] = v.get(d).floatValue();
                        }
                    }
                }
                List<String> expected = strings(q.get("expected"), where + ".expected", problems);
                List<String> filter = q.has("filter") && !q.get("filter").isNull()
                        ? strings(q.get("filter"), where + ".filter", problems)
                        : null;
                String id = q.has("id") ? text(q.get("id")) : "q" + i;
                queries.add(new Query(id, vector, text(q.get("text")), expected, filter));
            }
        }
        if (!problems.isEmpty()) {
            throw new EvaluationSetException("malformed evaluation set in " + source, limit(problems));
        }
        return new EvaluationSet(signature, k, origin, queries);
    }

    /** The top {@code k} distinct row keys by exact scan of the accepted chunks (each row scored by its best chunk). */
    static List<String> exactKeys(IndexSnapshot snapshot, float[] query, int k, IndexSnapshot.AcceptSet accept) {
        int n = Math.min(snapshot.size(), k * 2);
        while (true) {
            List<ScoredOrdinal> chunks = snapshot.exactSearch(query, n, accept.bits());
            LinkedHashSet<String> keys = new LinkedHashSet<>();
            for (ScoredOrdinal c : chunks) {
                keys.add(snapshot.key(c.ordinal()));
                if (keys.size() == k) {
                    break;
                }
            }
            if (keys.size() >= k || chunks.size() < n || n >= snapshot.size()) {
                return List.copyOf(keys);
            }
            n = Math.min(snapshot.size(), n * 4);
        }
    }

    private static float[][] embed(EmbeddingProvider provider, List<String> texts) {
        Objects.requireNonNull(provider, "text queries need an embedding provider");
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += 256) {
            int to = Math.min(texts.size(), from + 256);
            float[][] batch = provider.embed(texts.subList(from, to));
            System.arraycopy(batch, 0, out, from, to - from);
        }
        return out;
    }

    private static List<String> distinctKeys(IndexSnapshot snapshot) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < snapshot.size(); i++) {
            keys.add(snapshot.key(i));
        }
        return List.copyOf(keys);
    }

    /** {@code count} distinct values of {@code [0, n)} in random order (partial Fisher–Yates). */
    static int[] sample(int n, int count, Random random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        return Arrays.copyOf(all, count);
    }

    private static float[] perturbVector(float[] v, double noise, Random random) {
        if (noise == 0) {
            return v;
        }
        double sigma = noise / Math.sqrt(v.length);
        float[] out = new float[v.length];
        for (int d = 0; d < v.length; d++) {
            out[d] = (float) (v[d] + random.nextGaussian() * sigma);
        }
        return Vectors.normalize(out);
    }

    private static String perturbText(String text, double noise, Random random) {
        if (noise == 0) {
            return text;
        }
        String[] words = text.split("\\s+");
        List<String> kept = new ArrayList<>(words.length);
        for (String w : words) {
            if (random.nextDouble() >= noise) {
                kept.add(w);
            }
        }
        if (kept.isEmpty()) {
            kept.add(words[random.nextInt(words.length)]);
        }
        return String.join(" ", kept);
    }

    private static List<String> strings(JsonNode node, String where, List<String> problems) {
        if (node == null || !node.isArray()) {
            problems.add(where + " must be an array of row keys");
            return List.of();
        }
        List<String> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            if (!e.isTextual() && !e.isNumber()) {
                problems.add(where + "[" + i + "] must be a key (a string)");
            } else {
                out.add(e.asText());
            }
        }
        return out;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static List<String> limit(List<String> problems) {
        if (problems.size() <= MAX_LISTED) {
            return problems;
        }
        List<String> out = new ArrayList<>(problems.subList(0, MAX_LISTED));
        out.add("and " + (problems.size() - MAX_LISTED) + " more");
        return Collections.unmodifiableList(out);
    }

    private static String shorten(String key) {
        return key.length() > 80 ? key.substring(0, 80) + "…" : key;
    }
}
