package io.lakehub.benchmarks;

import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.lakehub.vector.chunk.ChunkingParams;
import io.lakehub.vector.embed.EmbeddingProvider;
import io.lakehub.vector.embed.Vectors;
import io.lakehub.vector.index.GraphParams;
import io.lakehub.vector.index.IndexSnapshot;
import io.lakehub.vector.index.RefreshResult;
import io.lakehub.vector.index.Row;
import io.lakehub.vector.index.ScoredOrdinal;
import io.lakehub.vector.index.VectorGraph;
import io.lakehub.vector.index.VectorIndex;
import io.lakehub.vector.search.VectorSearcher;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * Vector index: jvector (the engine's {@link VectorGraph}) side by side with an exact brute-force scan and Lucene's
 * HNSW ({@code lucene-core}) on the same clustered synthetic vectors (fixed seed) in one run: build time, recall@10
 * against the exact scan, p50/p95 single-query latency over an overquery (jvector) / fan-out (Lucene) sweep, memory,
 * filtered search at 10% selectivity; then {@link VectorIndex} refresh timings on as many rows (nothing changed; 1%
 * changed).
 *
 * <pre>
 * bench/run VectorIndexBenchmark [--n N (100000)] [--dim D (384)] [--queries Q (300)] [--no-lucene] [--no-refresh] [--only-refresh]
 * </pre>
 */
public final class VectorIndexBenchmark {

    private static final int K = 10;
    private static final long SEED = 42;

    public static void main(String[] args) throws Exception {
        int n = 100_000;
        int dim = 384;
        int queries = 300;
        boolean lucene = true;
        boolean refresh = true;
        boolean onlyRefresh = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--dim" -> dim = Integer.parseInt(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--no-lucene" -> lucene = false;
                case "--no-refresh" -> refresh = false;
                case "--only-refresh" -> onlyRefresh = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                Locale.ROOT,
                "VectorIndexBenchmark: %,d x %d-d clustered unit vectors (seed %d), %d queries, k=%d, %d processors, "
                        + "load average %.2f at start (shared machine: figures are noisy)%n",
                n,
                dim,
                SEED,
                queries,
                K,
                cores,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Clusters clusters = new Clusters(dim, 100, SEED);
        if (onlyRefresh) {
            refresh(n, dim, clusters);
            return;
        }
        float[][] data = new float[n][];
        for (int i = 0; i < n; i++) {
            data[i] = clusters.point(new Random(SEED * 1_000_003 + i));
        }
        float[][] qs = new float[queries][];
        Random qr = new Random(SEED + 1);
        for (int i = 0; i < queries; i++) {
            qs[i] = clusters.point(qr);
        }
        BitSet filter = new BitSet(n);
        Random fr = new Random(SEED + 2);
        for (int i = 0; i < n; i++) {
            if (fr.nextInt(10) == 0) {
                filter.set(i);
            }
        }
        Bits accept = filter::get;
        List<VectorFloat<?>> vectors = new ArrayList<>(n);
        for (float[] v : data) {
            vectors.add(VectorGraph.wrap(v));
        }

        // jvector build.
        long heapBefore = usedHeap();
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        VectorGraph graph = VectorGraph.build(vectors, dim, GraphParams.DEFAULT);
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        double buildCpu = (cpuNanos() - c0) / 1e9;
        long heapAfter = usedHeap();
        System.out.printf(
                Locale.ROOT,
                "jvector build: %.1f s wall, %.1f CPU-s (= %.1f s on %d dedicated cores) (max degree %d, beam %d, overflow %.1f, alpha %.1f, hierarchy %s); "
                        + "graph+vectors %.0f MB (ramBytesUsed), heap growth %.0f MB (vectors alone %.0f MB)%n",
                buildSeconds,
                buildCpu,
                buildCpu / cores,
                cores,
                GraphParams.DEFAULT.maxDegree(),
                GraphParams.DEFAULT.beamWidth(),
                GraphParams.DEFAULT.neighborOverflow(),
                GraphParams.DEFAULT.alpha(),
                GraphParams.DEFAULT.hierarchy(),
                graph.ramBytesUsed() / 1e6,
                (heapAfter - heapBefore) / 1e6,
                (double) n * dim * 4 / 1e6);

        // Exact ground truth and brute-force latency.
        int[][] truth = new int[queries][];
        int[][] filteredTruth = new int[queries][];
        long[] exactNanos = new long[queries];
        long[] exactFilteredNanos = new long[queries];
        for (int q = 0; q < queries; q++) {
            VectorFloat<?> query = VectorGraph.wrap(qs[q]);
            long s = System.nanoTime();
            truth[q] = ordinals(graph.exactSearch(query, K, Bits.ALL));
            exactNanos[q] = System.nanoTime() - s;
            s = System.nanoTime();
            filteredTruth[q] = ordinals(graph.exactSearch(query, K, accept));
            exactFilteredNanos[q] = System.nanoTime() - s;
        }
        System.out.printf(
                Locale.ROOT,
                "exact brute force: recall 1.000, p50 %.3f ms, p95 %.3f ms; filtered 10%%: p50 %.3f ms, p95 %.3f ms%n",
                percentile(exactNanos, 50),
                percentile(exactNanos, 95),
                percentile(exactFilteredNanos, 50),
                percentile(exactFilteredNanos, 95));

        // jvector search sweep (unfiltered and filtered) through the searcher's policy.
        System.out.println(
                "jvector search (overquery sweep; beam = k x overquery; filtered: k x min(overquery, 4), the searcher rule):");
        for (int overquery : new int[] {2, 3, 5, 8, 12}) {
            Measured plain =
                    measure(qs, truth, q -> ordinals(graph.search(VectorGraph.wrap(q), K, K * overquery, Bits.ALL)));
            int filteredBeam = K * Math.min(overquery, VectorSearcher.FILTERED_OVERQUERY_CAP);
            Measured filtered = measure(
                    qs, filteredTruth, q -> ordinals(graph.search(VectorGraph.wrap(q), K, filteredBeam, accept)));
            System.out.printf(
                    Locale.ROOT,
                    "  overquery %2d: recall@10 %.3f p50 %.3f ms p95 %.3f ms | filtered 10%%: recall@10 %.3f p50 %.3f ms p95 %.3f ms%n",
                    overquery,
                    plain.recall,
                    plain.p50,
                    plain.p95,
                    filtered.recall,
                    filtered.p50,
                    filtered.p95);
        }

        if (lucene) {
            lucene(data, qs, truth, filter, filteredTruth, cores);
        }
        graph.close();

        if (refresh) {
            refresh(n, dim, clusters);
        }
    }

    private static void lucene(
            float[][] data, float[][] qs, int[][] truth, BitSet filter, int[][] filteredTruth, int cores)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("lucene-hnsw");
        ExecutorService mergeExec = Executors.newFixedThreadPool(cores);
        try {
            IndexWriterConfig config = new IndexWriterConfig();
            config.setRAMBufferSizeMB(4096);
            config.setCodec(new Lucene103Codec() {
                @Override
                public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return new Lucene99HnswVectorsFormat(16, 100, cores, mergeExec); // M 16 = 32 neighbours on layer 0
                }
            });
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            try (FSDirectory directory = FSDirectory.open(dir);
                    IndexWriter writer = new IndexWriter(directory, config)) {
                AtomicInteger next = new AtomicInteger();
                Thread[] threads = new Thread[cores];
                for (int t = 0; t < cores; t++) {
                    threads[t] = new Thread(() -> {
                        try {
                            for (int i = next.getAndIncrement(); i < data.length; i = next.getAndIncrement()) {
                                Document doc = new Document();
                                doc.add(new KnnFloatVectorField("v", data[i], VectorSimilarityFunction.DOT_PRODUCT));
                                doc.add(new NumericDocValuesField("id", i));
                                doc.add(new StringField("f", filter.get(i) ? "1" : "0", Field.Store.NO));
                                writer.addDocument(doc);
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    threads[t].start();
                }
                for (Thread t : threads) {
                    t.join();
                }
                writer.forceMerge(1);
                writer.commit();
            }
            double build = (System.nanoTime() - t0) / 1e9;
            double buildCpu = (cpuNanos() - c0) / 1e9;
            long size;
            try (Stream<Path> files = Files.list(dir)) {
                size = files.mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf(
                    Locale.ROOT,
                    "Lucene HNSW build: %.1f s wall, %.1f CPU-s (%d indexing threads, forceMerge(1) with %d merge workers; M 16, beam 100); "
                            + "index files %.0f MB%n",
                    build,
                    buildCpu,
                    cores,
                    cores,
                    size / 1e6);
            try (FSDirectory directory = FSDirectory.open(dir);
                    DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                int[] docToId = new int[reader.maxDoc()];
                for (LeafReaderContext leaf : reader.leaves()) {
                    NumericDocValues ids = leaf.reader().getNumericDocValues("id");
                    for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                        ids.advanceExact(d);
                        docToId[leaf.docBase + d] = (int) ids.longValue();
                    }
                }
                org.apache.lucene.search.Query luceneFilter = new TermQuery(new Term("f", "1"));
                System.out.println("Lucene HNSW search (fan-out sweep: KnnFloatVectorQuery k = 10 x fan-out):");
                for (int fanout : new int[] {2, 3, 5, 8, 12}) {
                    Measured plain = measure(qs, truth, q -> {
                        TopDocs top = searcher.search(new KnnFloatVectorQuery("v", q, K * fanout), K);
                        return ids(top, docToId);
                    });
                    Measured filtered = measure(qs, filteredTruth, q -> {
                        TopDocs top = searcher.search(new KnnFloatVectorQuery("v", q, K * fanout, luceneFilter), K);
                        return ids(top, docToId);
                    });
                    System.out.printf(
                            Locale.ROOT,
                            "  fan-out   %2d: recall@10 %.3f p50 %.3f ms p95 %.3f ms | filtered 10%%: recall@10 %.3f p50 %.3f ms p95 %.3f ms%n",
                            fanout,
                            plain.recall,
                            plain.p50,
                            plain.p95,
                            filtered.recall,
                            filtered.p50,
                            filtered.p95);
                }
            }
        } finally {
            mergeExec.shutdown();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** VectorIndex on n rows: first build, refresh with nothing changed, refresh after 1% of the rows changed. */
    private static void refresh(int n, int dim, Clusters clusters) throws IOException {
        Path dir = Files.createTempDirectory("vector-index");
        SyntheticProvider provider = new SyntheticProvider(dim, clusters);
        String filler = " lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt"
                + " ut labore et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation ullamco"
                + " laboris nisi ut aliquip ex ea commodo consequat duis aute irure dolor in reprehenderit";
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new Row("key-" + i, "doc " + i + " v0" + filler));
        }
        try (VectorIndex index = VectorIndex.create(dir, provider, ChunkingParams.DEFAULT, GraphParams.DEFAULT)) {
            RefreshResult first = index.refresh(rows, null);
            System.out.printf(
                    Locale.ROOT,
                    "VectorIndex first refresh: %,d rows, %,d chunks embedded, %.1f s (graph build %.1f s, files written)%n",
                    first.rows(),
                    first.embeddedChunks(),
                    first.elapsed().toMillis() / 1e3,
                    snapshotBuildSeconds(index));
            long[] unchanged = new long[5];
            for (int r = 0; r < unchanged.length; r++) {
                RefreshResult same = index.refresh(rows, null);
                if (same.embeddedChunks() != 0 || same.graphRebuilt()) {
                    throw new IllegalStateException("an unchanged refresh embedded or rebuilt: " + same);
                }
                unchanged[r] = same.elapsed().toNanos();
            }
            System.out.printf(
                    Locale.ROOT,
                    "VectorIndex refresh, nothing changed (row hashes compared): median %.0f ms of %d runs (required <= 200 ms); "
                            + "with an unchanged source snapshot id (signature only): %.3f ms%n",
                    percentile(unchanged, 50),
                    unchanged.length,
                    signatureOnly(index, rows));
            Random random = new Random(SEED + 3);
            Set<Integer> changed = new HashSet<>();
            while (changed.size() < n / 100) {
                changed.add(random.nextInt(n));
            }
            for (int i : changed) {
                rows.set(i, new Row("key-" + i, "doc " + i + " v1" + filler));
            }
            provider.embedded.set(0);
            RefreshResult onePercent = index.refresh(rows, null);
            System.out.printf(
                    Locale.ROOT,
                    "VectorIndex refresh, 1%% changed: %,d rows changed, %,d chunks embedded (provider counted %,d), "
                            + "%.1f s (graph rebuilt from stored vectors in %.1f s)%n",
                    onePercent.changedRows(),
                    onePercent.embeddedChunks(),
                    provider.embedded.get(),
                    onePercent.elapsed().toMillis() / 1e3,
                    snapshotBuildSeconds(index));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double signatureOnly(VectorIndex index, List<Row> rows) throws IOException {
        index.refresh(rows, "snapshot-1");
        long s = System.nanoTime();
        RefreshResult r = index.refresh(rows, "snapshot-1");
        if (!r.upToDate()) {
            throw new IllegalStateException("expected an up-to-date refresh");
        }
        return (System.nanoTime() - s) / 1e6;
    }

    private static double snapshotBuildSeconds(VectorIndex index) {
        try (IndexSnapshot s = index.snapshot()) {
            return s.buildMillis() / 1e3;
        }
    }

    /** Unit vectors around {@code count} random centres. */
    static final class Clusters {
        final float[][] centres;
        final int dim;

        Clusters(int dim, int count, long seed) {
            this.dim = dim;
            Random random = new Random(seed);
            centres = new float[count][dim];
            for (float[] c : centres) {
                for (int d = 0; d < dim; d++) {
                    c[d] = (float) random.nextGaussian();
                }
                Vectors.normalize(c);
            }
        }

        float[] point(Random random) {
            float[] c = centres[random.nextInt(centres.length)];
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = c[d] + (float) (random.nextGaussian() * 0.06);
            }
            return Vectors.normalize(v);
        }
    }

    /** Embeds "doc ID vN …" as a clustered vector seeded by (ID, N): a stand-in model with the right shape. */
    static final class SyntheticProvider implements EmbeddingProvider {
        final int dim;
        final Clusters clusters;
        final AtomicLong embedded = new AtomicLong();

        SyntheticProvider(int dim, Clusters clusters) {
            this.dim = dim;
            this.clusters = clusters;
        }

        @Override
        public String modelName() {
            return "synthetic-clusters";
        }

        @Override
        public String modelVersion() {
            return "1";
        }

        @Override
        public int dimensions() {
            return dim;
        }

        @Override
        public float[][] embed(List<String> texts) {
            embedded.addAndGet(texts.size());
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < out.length; i++) {
                String[] parts = texts.get(i).split(" ", 4);
                long id = Long.parseLong(parts[1]);
                long version = Long.parseLong(parts[2].substring(1));
                out[i] = clusters.point(new Random(SEED * 7_919 + id * 31 + version));
            }
            return out;
        }
    }

    private record Measured(double recall, double p50, double p95) {}

    private interface Search {
        int[] run(float[] query) throws IOException;
    }

    private static Measured measure(float[][] qs, int[][] truth, Search search) throws IOException {
        for (int w = 0; w < Math.min(100, qs.length); w++) {
            search.run(qs[w]); // warm-up
        }
        long[] nanos = new long[qs.length];
        long hits = 0;
        long total = 0;
        for (int q = 0; q < qs.length; q++) {
            long s = System.nanoTime();
            int[] found = search.run(qs[q]);
            nanos[q] = System.nanoTime() - s;
            Set<Integer> expected = new HashSet<>();
            for (int t : truth[q]) {
                expected.add(t);
            }
            for (int f : found) {
                if (expected.contains(f)) {
                    hits++;
                }
            }
            total += truth[q].length;
        }
        return new Measured((double) hits / total, percentile(nanos, 50), percentile(nanos, 95));
    }

    private static int[] ordinals(List<ScoredOrdinal> results) {
        return results.stream().mapToInt(ScoredOrdinal::ordinal).toArray();
    }

    private static int[] ids(TopDocs top, int[] docToId) {
        int[] out = new int[top.scoreDocs.length];
        for (int i = 0; i < out.length; i++) {
            ScoreDoc d = top.scoreDocs[i];
            out[i] = docToId[d.doc];
        }
        return out;
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
