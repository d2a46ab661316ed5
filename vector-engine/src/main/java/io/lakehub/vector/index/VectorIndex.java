package io.lakehub.vector.index;

import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.lakehub.vector.chunk.Chunk;
import io.lakehub.vector.chunk.Chunker;
import io.lakehub.vector.chunk.ChunkingParams;
import io.lakehub.vector.chunk.ContentHash;
import io.lakehub.vector.embed.EmbeddingException;
import io.lakehub.vector.embed.EmbeddingProvider;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vector index over the rows of one source, in its own directory, kept in step with the rows by
 * {@link #refresh(Iterable, String, RefreshListener)}.
 *
 * <p>A refresh hashes every row's text (SHA-256) and compares it with the stored hash: unchanged rows keep their
 * chunks and vectors, changed rows are re-chunked and only chunks whose content hash is new for that row are
 * embedded, rows gone from the source lose their chunks. If anything changed, the graph is rebuilt from the stored
 * and new vectors (no re-embedding), written to a new file, and the mapping file is replaced atomically (the commit
 * point); then the new snapshot replaces the old one for searches. A refresh that fails (provider down, bad row)
 * throws before anything is written: the previous index keeps serving. Refreshes are serialized; searches run
 * concurrently with them.
 */
public final class VectorIndex implements AutoCloseable {

    /** Texts per call to the provider during a refresh (progress is reported after each). */
    static final int EMBED_BATCH = 256;

    /** Where the current snapshot's files are (a build folder of {@link #home}, or {@link #home} itself). */
    private volatile Path dir;
    /** The index's own folder: the embedding journal lives here, whichever build is current. */
    private final Path home;

    private final EmbeddingProvider provider;
    private final Chunker chunker;
    /** The construction parameters refreshes build with: the file's, or those a promotion put in force. */
    private volatile GraphParams graphParams;

    private volatile IndexSnapshot current;
    private volatile IndexSignature signature;
    private volatile Instant lastUsed;
    private volatile boolean closed;

    private VectorIndex(
            Path dir, Path home, EmbeddingProvider provider, IndexSnapshot snapshot, IndexSignature signature) {
        this.dir = dir;
        this.home = home;
        this.provider = provider;
        this.chunker = new Chunker(snapshot.chunking);
        this.graphParams = snapshot.graphParams;
        this.current = snapshot;
        this.signature = signature;
    }

    /**
     * Creates an empty index in {@code dir} (created if missing; it must not hold an index already).
     *
     * @throws IndexMismatchException if {@code dir} already holds an index
     */
    public static VectorIndex create(Path dir, EmbeddingProvider provider, ChunkingParams chunking, GraphParams graph)
            throws IOException {
        if (Files.exists(dir.resolve(IndexFiles.MAPPING))) {
            throw new IndexMismatchException(
                    dir + " already holds a vector index: open it, or delete it to start over");
        }
        Files.createDirectories(dir);
        IndexSnapshot empty = new IndexSnapshot(
                0,
                provider.modelName(),
                provider.modelVersion(),
                provider.dimensions(),
                chunking,
                graph,
                new String[0],
                new int[0],
                new String[0],
                new ContentHash[0],
                Map.of(),
                null,
                null,
                0);
        IndexFiles.writeMapping(dir, empty);
        return new VectorIndex(dir, dir, provider, empty, null);
    }

    /**
     * Opens the index in {@code dir} as it was last committed, without embedding anything.
     *
     * @throws IndexMismatchException if the provider's vectors have another dimension than the index's (naming
     *     both), or the files are not a readable index
     */
    public static VectorIndex open(Path dir, EmbeddingProvider provider) throws IOException {
        return open(dir, dir, provider);
    }

    /**
     * Opens the build in {@code dir} of the index whose own folder is {@code home} (where its
     * embedding journal is kept; ADR 0047), without embedding anything.
     *
     * @throws IndexMismatchException as {@link #open(Path, EmbeddingProvider)}
     */
    public static VectorIndex open(Path dir, Path home, EmbeddingProvider provider) throws IOException {
        IndexFiles.Mapping m = IndexFiles.readMapping(dir);
        if (m.dimensions() != provider.dimensions()) {
            throw new IndexMismatchException("the index in " + dir + " holds " + m.dimensions() + "-d vectors of "
                    + m.modelName() + " " + m.modelVersion() + " but the provider " + provider.describe() + " gives "
                    + provider.dimensions() + "-d vectors: refusing to mix them (create a new index for this model)");
        }
        VectorGraph graph = null;
        if (m.graphFile() != null) {
            graph = VectorGraph.load(dir.resolve(m.graphFile()));
            if (graph.size() != m.keys().length) {
                int size = graph.size();
                graph.close();
                throw new IndexMismatchException(dir.resolve(m.graphFile()) + " has " + size
                        + " vectors but the mapping lists " + m.keys().length + " chunks: rebuild the index");
            }
        }
        IndexSnapshot snapshot = new IndexSnapshot(
                m.generation(),
                m.modelName(),
                m.modelVersion(),
                m.dimensions(),
                m.chunking(),
                m.graphParams(),
                m.keys(),
                m.chunkIndexes(),
                m.texts(),
                m.chunkHashes(),
                m.rows(),
                graph,
                m.graphFile(),
                m.buildMillis());
        if (dir.equals(home)) {
            deleteLeftovers(dir, m.graphFile()); // a build folder is never written after it was published
        }
        return new VectorIndex(dir, home, provider, snapshot, IndexFiles.readSignature(dir));
    }

    /** Opens the index in {@code dir} if there is one, else creates it. */
    public static VectorIndex openOrCreate(
            Path dir, EmbeddingProvider provider, ChunkingParams chunking, GraphParams graph) throws IOException {
        return Files.exists(dir.resolve(IndexFiles.MAPPING))
                ? open(dir, provider)
                : create(dir, provider, chunking, graph);
    }

    /** The directory of the current snapshot's files. */
    public Path directory() {
        return dir;
    }

    /** Whether {@link #close()} was called: searches then take the index that replaced it. */
    public boolean isClosed() {
        return closed;
    }

    /** The index's own folder (its embedding journal's). */
    public Path home() {
        return home;
    }

    /** The provider that embeds rows and queries. */
    public EmbeddingProvider provider() {
        return provider;
    }

    public ChunkingParams chunking() {
        return chunker.params();
    }

    public GraphParams graphParams() {
        return graphParams;
    }

    /** The signature recorded by the last refresh, or {@code null} before the first one. */
    public IndexSignature signature() {
        return signature;
    }

    /** The signature a refresh from the given source snapshot would record. */
    public IndexSignature signatureFor(String sourceSnapshotId) {
        return IndexSignature.of(
                sourceSnapshotId,
                chunker.params(),
                provider.modelName(),
                provider.modelVersion(),
                provider.dimensions());
    }

    /** Whether a refresh from this source snapshot would have nothing to do. */
    public boolean isUpToDate(String sourceSnapshotId) {
        return sourceSnapshotId != null && signatureFor(sourceSnapshotId).equals(signature);
    }

    /** When a search last used this index, or {@code null}. */
    public Instant lastUsed() {
        return lastUsed;
    }

    /** Stamps {@link #lastUsed()} (searches call it). */
    public void markUsed() {
        lastUsed = Instant.now();
    }

    /** The current snapshot, to be closed after use. */
    public IndexSnapshot snapshot() {
        while (true) {
            IndexSnapshot s = current;
            if (s.acquire()) {
                return s;
            }
            if (closed) {
                throw new IllegalStateException("the vector index in " + dir + " is closed");
            }
        }
    }

    /** Refreshes from the rows without progress reporting; see {@link #refresh(Iterable, String, RefreshListener)}. */
    public RefreshResult refresh(Iterable<Row> rows, String sourceSnapshotId) throws IOException {
        return refresh(rows, sourceSnapshotId, RefreshListener.NONE);
    }

    /**
     * Brings the index in step with {@code rows} (all current rows of the source).
     *
     * @param rows every current row; iterated once, and not at all if the signature says the index is up to date
     * @param sourceSnapshotId the source's snapshot id (e.g. the dataset's snapshot), or {@code null} if unknown (then
     *     the rows are always compared)
     * @throws IllegalArgumentException for a row with a NULL key (naming its position) or a repeated key (naming it);
     *     nothing is changed
     * @throws EmbeddingException when the provider fails (naming it); nothing is changed
     * @throws IOException when the index files cannot be written; the previous files stay in place
     */
    public RefreshResult refresh(Iterable<Row> rows, String sourceSnapshotId, RefreshListener listener)
            throws IOException {
        return refresh(rows, sourceSnapshotId, listener, null);
    }

    /**
     * Like {@link #refresh(Iterable, String, RefreshListener)}, but when anything changed the new snapshot
     * is written to {@code target} (a new, empty or missing folder; ADR 0047) instead of replacing the
     * files in {@link #directory()}: the files there, which other processes may be reading, are never
     * touched. Every file of the new build, and the folder, are forced to disk before this returns; then
     * {@link #directory()} is {@code target}. A refresh with nothing to rebuild leaves it as it was.
     *
     * @param target the folder of the new build, or {@code null} to replace the files in place
     */
    public synchronized RefreshResult refresh(
            Iterable<Row> rows, String sourceSnapshotId, RefreshListener listener, Path target) throws IOException {
        if (closed) {
            throw new IllegalStateException("the vector index in " + dir + " is closed");
        }
        long start = System.nanoTime();
        IndexSnapshot cur = current;
        IndexSignature next = signatureFor(sourceSnapshotId);
        if (sourceSnapshotId != null && next.equals(signature)) {
            return new RefreshResult(
                    cur.rowCount(), 0, 0, 0, cur.size(), 0, false, true, Duration.ofNanos(System.nanoTime() - start));
        }
        boolean sameModel = cur.modelName.equals(provider.modelName())
                && cur.modelVersion.equals(provider.modelVersion())
                && cur.dimensions == provider.dimensions();

        Map<String, Pending> pending = new LinkedHashMap<>(Math.max(16, cur.rowCount() * 4 / 3 + 16));
        List<String> toEmbed = new ArrayList<>();
        List<ContentHash> toEmbedHashes = new ArrayList<>();
        int rowNumber = 0;
        int added = 0;
        int changed = 0;
        int chunkTotal = 0;
        for (Row row : rows) {
            rowNumber++;
            if (row == null || row.key() == null) {
                throw new IllegalArgumentException("row " + rowNumber
                        + " of the source has a NULL key: every row needs a key to be indexed (nothing was changed)");
            }
            String text = row.text() == null ? "" : row.text();
            ContentHash rowHash = ContentHash.of(text);
            IndexSnapshot.RowEntry old = cur.rows.get(row.key());
            Pending p;
            if (old != null && sameModel && old.rowHash().equals(rowHash)) {
                p = new Pending(rowHash, old, null, null);
            } else {
                List<Chunk> chunks = chunker.chunk(text);
                Map<ContentHash, Integer> reusable = new HashMap<>();
                if (old != null && sameModel) {
                    for (int o = old.first(); o < old.first() + old.count(); o++) {
                        reusable.putIfAbsent(cur.chunkHashes[o], o);
                    }
                }
                int[] sources = new int[chunks.size()];
                for (int c = 0; c < sources.length; c++) {
                    Integer o = reusable.get(chunks.get(c).hash());
                    if (o != null) {
                        sources[c] = o;
                    } else {
                        sources[c] = -1 - toEmbed.size();
                        toEmbed.add(chunks.get(c).text());
                        toEmbedHashes.add(chunks.get(c).hash());
                    }
                }
                p = new Pending(rowHash, null, chunks, sources);
                if (old == null) {
                    added++;
                } else {
                    changed++;
                }
            }
            if (pending.putIfAbsent(row.key(), p) != null) {
                throw new IllegalArgumentException("row " + rowNumber + " repeats the key '" + shorten(row.key())
                        + "': the key column must identify rows (nothing was changed)");
            }
            chunkTotal += p.count();
        }
        int removed = 0;
        for (String key : cur.rows.keySet()) {
            if (!pending.containsKey(key)) {
                removed++;
            }
        }
        if (added == 0 && changed == 0 && removed == 0) {
            if (!next.equals(signature)) {
                IndexFiles.writeState(dir, next, sourceSnapshotId); // no fsync when nothing at all changed
                signature = next;
            }
            return new RefreshResult(
                    rowNumber, 0, 0, 0, cur.size(), 0, false, false, Duration.ofNanos(System.nanoTime() - start));
        }

        float[][] embedded;
        int sentToProvider;
        if (toEmbed.isEmpty()) {
            embedded = new float[0][];
            sentToProvider = 0;
        } else {
            // What an interrupted refresh embedded is in the journal: reused, never embedded again.
            try (EmbeddingJournal journal =
                    EmbeddingJournal.open(home, provider.modelName(), provider.modelVersion(), provider.dimensions())) {
                embedded = new float[toEmbed.size()][];
                sentToProvider = embed(toEmbed, toEmbedHashes, embedded, journal, listener);
            }
        }

        // Assemble the next snapshot: ordinals follow the rows' order.
        String[] keys = new String[chunkTotal];
        int[] chunkIndexes = new int[chunkTotal];
        String[] texts = new String[chunkTotal];
        ContentHash[] hashes = new ContentHash[chunkTotal];
        List<VectorFloat<?>> vectors = new ArrayList<>(chunkTotal);
        Map<String, IndexSnapshot.RowEntry> nextRows = LinkedHashMap.newLinkedHashMap(pending.size());
        int ord = 0;
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            int first = ord;
            if (p.old != null) {
                for (int o = p.old.first(); o < p.old.first() + p.old.count(); o++, ord++) {
                    keys[ord] = e.getKey();
                    chunkIndexes[ord] = cur.chunkIndexes[o];
                    texts[ord] = cur.texts[o];
                    hashes[ord] = cur.chunkHashes[o];
                    vectors.add(cur.graph.vector(o));
                }
            } else {
                for (int c = 0; c < p.chunks.size(); c++, ord++) {
                    Chunk chunk = p.chunks.get(c);
                    keys[ord] = e.getKey();
                    chunkIndexes[ord] = chunk.index();
                    texts[ord] = chunk.text();
                    hashes[ord] = chunk.hash();
                    int source = p.sources[c];
                    vectors.add(source >= 0 ? cur.graph.vector(source) : VectorGraph.wrap(embedded[-1 - source]));
                }
            }
            nextRows.put(e.getKey(), new IndexSnapshot.RowEntry(p.rowHash, first, ord - first));
        }

        long generation = cur.generation + 1;
        VectorGraph graph = null;
        String graphFile = null;
        long buildMillis = 0;
        IndexSnapshot built;
        Path out = target == null ? dir : target;
        if (target != null) {
            Files.createDirectories(target);
        }
        try {
            if (chunkTotal > 0) {
                listener.building(chunkTotal);
                long buildStart = System.nanoTime();
                graph = VectorGraph.build(vectors, provider.dimensions(), graphParams);
                buildMillis = (System.nanoTime() - buildStart) / 1_000_000;
                graphFile = IndexFiles.graphFileName(generation);
                Path tmp = out.resolve(graphFile + ".tmp");
                graph.write(tmp);
                Files.move(tmp, out.resolve(graphFile), StandardCopyOption.ATOMIC_MOVE);
            }
            built = new IndexSnapshot(
                    generation,
                    provider.modelName(),
                    provider.modelVersion(),
                    provider.dimensions(),
                    chunker.params(),
                    graphParams,
                    keys,
                    chunkIndexes,
                    texts,
                    hashes,
                    nextRows,
                    graph,
                    graphFile,
                    buildMillis);
            IndexFiles.writeMapping(out, built); // the commit point (of a build in place; else the caller's publish)
            if (target != null) {
                IndexFiles.writeState(target, next, sourceSnapshotId);
                IndexFiles.forceDirectory(target);
            }
            EmbeddingJournal.delete(home); // its vectors are in the index now
        } catch (IOException | RuntimeException e) {
            if (graph != null) {
                try {
                    graph.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (graphFile != null) {
                Files.deleteIfExists(out.resolve(graphFile + ".tmp"));
                Files.deleteIfExists(out.resolve(graphFile));
            }
            throw e;
        }
        current = built;
        signature = null;
        cur.close(); // the index's own reference; searches still holding it keep its file open
        if (target == null) {
            IndexFiles.writeState(dir, next, sourceSnapshotId);
            deleteLeftovers(dir, graphFile);
        } else {
            dir = target;
        }
        signature = next;
        return new RefreshResult(
                rowNumber,
                added,
                changed,
                removed,
                chunkTotal,
                sentToProvider,
                graph != null,
                false,
                Duration.ofNanos(System.nanoTime() - start));
    }

    // ---------------------------------------------------------------------------------------------
    // Promoted graphs (ADR 0045)

    /** The folder of the index that keeps the graphs promotions replaced (bounded). */
    public static final String HISTORY = "history";

    /**
     * Puts a candidate graph built from {@code basedOn}'s vectors (same ordinals) in force with its construction
     * parameters, crash-safely: the graph is written to a new file and forced to disk, the serving graph is kept in
     * the bounded {@link #HISTORY} (hard link, forced), then {@code mapping.bin} naming the new graph and parameters
     * is renamed over the old one — the commit point — and the new snapshot replaces the current one for searches.
     * Searches holding the old snapshot finish on it; none fails. Later refreshes build with {@code params}.
     *
     * @param candidate a graph over exactly {@code basedOn}'s vectors; written, not closed (the caller owns it)
     * @param keep how many replaced graphs {@link #HISTORY} keeps (older ones are deleted; ≥ 0)
     * @throws IllegalStateException if the index was refreshed since {@code basedOn} (the candidate no longer
     *     matches its chunks) — nothing is changed
     * @throws IOException when a file cannot be written; the previous graph keeps serving
     */
    public synchronized void installGraph(IndexSnapshot basedOn, VectorGraph candidate, GraphParams params, int keep)
            throws IOException {
        checkOpen();
        IndexSnapshot cur = current;
        if (cur != basedOn || candidate.size() != cur.size()) {
            throw new IllegalStateException("the vector index in " + dir + " changed since the candidate graph was"
                    + " built (generation " + basedOn.generation + ", now " + cur.generation
                    + "): build it again on the current snapshot");
        }
        commitGraph(cur, candidate, params, cur.buildMillis, keep);
    }

    /**
     * Puts the construction parameters {@code params} back in force: a no-op when the serving graph was built with
     * them; else the graph the {@link #HISTORY} kept for them over the same chunks, else a graph built now from the
     * stored vectors (no re-embedding; on this thread). Committed like {@link #installGraph}.
     *
     * @return {@code "unchanged"}, {@code "history"} or {@code "rebuilt"}: where the graph came from
     */
    public synchronized String restoreGraph(GraphParams params, int keep) throws IOException {
        checkOpen();
        IndexSnapshot cur = current;
        if (sameConstruction(cur.graphParams, params)) {
            if (!cur.graphParams.equals(params)) {
                graphParams = params;
            }
            return "unchanged";
        }
        if (cur.size() == 0) {
            commitGraph(cur, null, params, 0, keep);
            return "rebuilt";
        }
        String fingerprint = fingerprint(cur);
        Path history = dir.resolve(HISTORY);
        if (Files.isDirectory(history)) {
            List<Path> entries = historyEntries(history);
            for (int i = entries.size() - 1; i >= 0; i--) {
                Path meta = entries.get(i);
                List<String> lines = Files.readAllLines(meta);
                if (lines.size() >= 2
                        && lines.get(0).equals(construction(params))
                        && lines.get(1).equals(fingerprint)) {
                    Path file = history.resolve(meta.getFileName().toString().replace(".params", ".jvg"));
                    if (Files.exists(file)) {
                        try (VectorGraph graph = VectorGraph.load(file)) {
                            if (graph.size() == cur.size()) {
                                commitGraph(cur, graph, params, cur.buildMillis, keep);
                                return "history";
                            }
                        }
                    }
                }
            }
        }
        List<VectorFloat<?>> vectors = new ArrayList<>(cur.size());
        for (int o = 0; o < cur.size(); o++) {
            vectors.add(cur.graph.vector(o));
        }
        long t0 = System.nanoTime();
        try (VectorGraph graph = VectorGraph.build(vectors, provider.dimensions(), params)) {
            commitGraph(cur, graph, params, (System.nanoTime() - t0) / 1_000_000, keep);
        }
        return "rebuilt";
    }

    /** Whether two parameter sets build the same graph (overquery is a search-time value). */
    public static boolean sameConstruction(GraphParams a, GraphParams b) {
        return a.withOverquery(1).equals(b.withOverquery(1));
    }

    private void commitGraph(IndexSnapshot cur, VectorGraph source, GraphParams params, long buildMillis, int keep)
            throws IOException {
        long generation = cur.generation + 1;
        String graphFile = source == null ? null : IndexFiles.graphFileName(generation);
        VectorGraph served = null;
        try {
            if (source != null) {
                Path tmp = dir.resolve(graphFile + ".tmp");
                source.write(tmp);
                force(tmp);
                Files.move(tmp, dir.resolve(graphFile), StandardCopyOption.ATOMIC_MOVE);
                served = VectorGraph.load(dir.resolve(graphFile));
            }
            if (cur.graphFile != null && keep > 0) {
                keepInHistory(cur, keep);
            }
            IndexSnapshot built = new IndexSnapshot(
                    generation,
                    cur.modelName,
                    cur.modelVersion,
                    cur.dimensions,
                    cur.chunking,
                    params,
                    cur.keys,
                    cur.chunkIndexes,
                    cur.texts,
                    cur.chunkHashes,
                    cur.rows,
                    served,
                    graphFile,
                    buildMillis);
            force(dir);
            IndexFiles.writeMapping(dir, built); // the commit point
            force(dir);
            current = built;
            graphParams = params;
            cur.close();
            deleteLeftovers(dir, graphFile);
        } catch (IOException | RuntimeException e) {
            if (served != null && current != null && current.graph != served) {
                try {
                    served.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (graphFile != null && (current == null || !graphFile.equals(current.graphFile))) {
                Files.deleteIfExists(dir.resolve(graphFile + ".tmp"));
                Files.deleteIfExists(dir.resolve(graphFile));
            }
            throw e;
        }
    }

    /** Hard-links the serving graph into the history with its parameters and chunks' fingerprint; trims it. */
    private void keepInHistory(IndexSnapshot cur, int keep) throws IOException {
        Path history = Files.createDirectories(dir.resolve(HISTORY));
        String base = String.format(java.util.Locale.ROOT, "graph-%012d", cur.generation);
        Path target = history.resolve(base + ".jvg");
        Files.deleteIfExists(target);
        try {
            Files.createLink(target, dir.resolve(cur.graphFile));
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(dir.resolve(cur.graphFile), target, StandardCopyOption.REPLACE_EXISTING);
            force(target);
        }
        Path meta = history.resolve(base + ".params");
        Path tmp = history.resolve(base + ".params.tmp");
        Files.writeString(tmp, construction(cur.graphParams) + "\n" + fingerprint(cur) + "\n");
        force(tmp);
        Files.move(tmp, meta, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        List<Path> entries = historyEntries(history);
        for (int i = 0; i < entries.size() - keep; i++) {
            Path old = entries.get(i);
            Files.deleteIfExists(old);
            Files.deleteIfExists(history.resolve(old.getFileName().toString().replace(".params", ".jvg")));
        }
        force(history);
    }

    /** The history's parameter files, oldest first (names sort by generation). */
    private static List<Path> historyEntries(Path history) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(history, "graph-*.params")) {
            files.forEach(out::add);
        }
        out.sort(java.util.Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    /** The construction parameters as the history records them. */
    private static String construction(GraphParams g) {
        return g.maxDegree() + "," + g.beamWidth() + "," + g.neighborOverflow() + "," + g.alpha() + "," + g.hierarchy();
    }

    /** SHA-256 over the chunks in ordinal order (key and content hash): a graph fits only the same chunks. */
    private static String fingerprint(IndexSnapshot s) {
        return s.memo(FINGERPRINT, snap -> {
            try {
                java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
                for (int i = 0; i < snap.keys.length; i++) {
                    sha.update(snap.keys[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                    sha.update(snap.chunkHashes[i].toBytes());
                }
                return java.util.HexFormat.of().formatHex(sha.digest());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        });
    }

    private static final Object FINGERPRINT = new Object();

    /** Forces a file or directory to disk (a directory, so a rename in it is durable). */
    private static void force(Path path) throws IOException {
        try (java.nio.channels.FileChannel ch = Files.isDirectory(path)
                ? java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.READ)
                : java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(path)) {
                throw e;
            }
            // Some file systems refuse to open a directory for forcing: the rename is still atomic.
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the vector index in " + dir + " is closed");
        }
    }

    /**
     * Fills {@code out} with the texts' vectors: those in the journal (embedded by a refresh that did
     * not finish) as they are, the others from the provider in batches, each batch appended to the
     * journal and forced to disk before the next. Returns how many texts went to the provider.
     */
    private int embed(
            List<String> texts,
            List<ContentHash> hashes,
            float[][] out,
            EmbeddingJournal journal,
            RefreshListener listener)
            throws IOException {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            float[] known = journal.get(hashes.get(i));
            if (known != null) {
                out[i] = known;
            } else {
                missing.add(i);
            }
        }
        int reused = texts.size() - missing.size();
        listener.embedded(reused, texts.size());
        for (int from = 0; from < missing.size(); from += EMBED_BATCH) {
            int to = Math.min(missing.size(), from + EMBED_BATCH);
            List<Integer> slots = missing.subList(from, to);
            List<String> batchTexts = new ArrayList<>(slots.size());
            List<ContentHash> batchHashes = new ArrayList<>(slots.size());
            for (int slot : slots) {
                batchTexts.add(texts.get(slot));
                batchHashes.add(hashes.get(slot));
            }
            float[][] batch = provider.embed(batchTexts);
            if (batch.length != to - from) {
                throw new EmbeddingException(
                        provider.describe() + " returned " + batch.length + " vectors for " + (to - from) + " texts");
            }
            for (int i = 0; i < batch.length; i++) {
                if (batch[i].length != provider.dimensions()) {
                    throw new EmbeddingException(provider.describe() + " returned a " + batch[i].length
                            + "-d vector for an index of " + provider.dimensions() + "-d vectors");
                }
                out[slots.get(i)] = batch[i];
            }
            journal.append(batchHashes, batch);
            listener.embedded(reused + to, texts.size());
        }
        return missing.size();
    }

    /** Removes graph files other than {@code keep} and temporary files left by an interrupted refresh. */
    private static void deleteLeftovers(Path dir, String keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "{graph-*.jvg,graph-*.jvg.tmp,*.bin.tmp}")) {
            for (Path f : files) {
                if (!f.getFileName().toString().equals(keep)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static String shorten(String key) {
        return key.length() > 80 ? key.substring(0, 80) + "…" : key;
    }

    /** Closes the current snapshot (searches still holding it finish first) — not the provider. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            current.close();
        }
    }

    /** A row of the next snapshot: either an unchanged old row or new chunks with vector sources. */
    private record Pending(ContentHash rowHash, IndexSnapshot.RowEntry old, List<Chunk> chunks, int[] sources) {
        int count() {
            return old != null ? old.count() : chunks.size();
        }
    }
}
