package io.lakehub.benchmarks;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.lakehub.vector.embed.OnnxMiniLmEmbeddingProvider;
import io.lakehub.vector.embed.Vectors;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * In-process embedding throughput: Lakehub's {@link OnnxMiniLmEmbeddingProvider} against LangChain4j's default
 * {@code AllMiniLmL6V2QuantizedEmbeddingModel.embedAll}, same model, same seeded texts, same process, alternating
 * runs (the machine may be shared: medians are reported).
 *
 * <pre>
 * bench/run EmbeddingBenchmark [--texts N (10000)] [--runs N (3)] [--workers N] [--intra N]
 * </pre>
 *
 * Also checks that both give the same vectors (cosine over a sample of texts).
 */
public final class EmbeddingBenchmark {

    private static final String[] WORDS = {
        "customer",
        "order",
        "invoice",
        "shipped",
        "delayed",
        "refund",
        "warehouse",
        "river",
        "data",
        "lake",
        "parquet",
        "query",
        "search",
        "vector",
        "payment",
        "the",
        "a",
        "was",
        "is",
        "for",
        "with",
        "and",
        "of",
        "to",
        "damaged",
        "package",
        "arrived",
        "late",
        "support",
        "ticket",
        "account",
        "password",
        "reset",
        "delivery",
        "address",
        "changed",
        "subscription",
        "renewed",
        "cancelled",
        "product",
        "quality",
        "excellent"
    };

    public static void main(String[] args) {
        int n = 10_000;
        int runs = 3;
        int workers = Runtime.getRuntime().availableProcessors();
        int intra = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--texts" -> n = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--intra" -> intra = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<String> texts = texts(n, 42);
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        System.out.printf(
                Locale.ROOT,
                "EmbeddingBenchmark: %,d texts (5-80 words, seed 42), %d processors, %d alternating runs each%n",
                n,
                Runtime.getRuntime().availableProcessors(),
                runs);
        AllMiniLmL6V2QuantizedEmbeddingModel langchain = new AllMiniLmL6V2QuantizedEmbeddingModel();
        try (OnnxMiniLmEmbeddingProvider lakehub = OnnxMiniLmEmbeddingProvider.create(workers, intra)) {
            // Warm-up and agreement check on a sample.
            List<String> sample = texts.subList(0, Math.min(200, n));
            float[][] ours = lakehub.embed(sample);
            var theirs = langchain
                    .embedAll(sample.stream().map(TextSegment::from).toList())
                    .content();
            float worst = 1;
            for (int i = 0; i < sample.size(); i++) {
                worst = Math.min(worst, Vectors.dot(ours[i], theirs.get(i).vector()));
            }
            System.out.printf(Locale.ROOT, "  agreement on %d texts: worst cosine %.5f%n", sample.size(), worst);
            double[] lc = new double[runs];
            double[] lh = new double[runs];
            double[] lcCpu = new double[runs];
            double[] lhCpu = new double[runs];
            for (int r = 0; r < runs; r++) {
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                langchain.embedAll(segments);
                lc[r] = n / ((System.nanoTime() - t0) / 1e9);
                lcCpu[r] = n / ((cpuNanos() - c0) / 1e9);
                long c1 = cpuNanos();
                long t1 = System.nanoTime();
                lakehub.embed(texts);
                lh[r] = n / ((System.nanoTime() - t1) / 1e9);
                lhCpu[r] = n / ((cpuNanos() - c1) / 1e9);
                System.out.printf(
                        Locale.ROOT,
                        "  run %d: LangChain4j embedAll %,.0f texts/s (%,.0f per CPU-second) | Lakehub %s %,.0f texts/s"
                                + " (%,.0f per CPU-second); load average %.1f%n",
                        r + 1,
                        lc[r],
                        lcCpu[r],
                        lakehub.describe(),
                        lh[r],
                        lhCpu[r],
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
            double mlc = median(lc);
            double mlh = median(lh);
            System.out.printf(
                    Locale.ROOT,
                    "EmbeddingBenchmark result: LangChain4j %,.0f texts/s, Lakehub %,.0f texts/s (medians), ratio %.2fx;"
                            + " per CPU-second %,.0f vs %,.0f, ratio %.2fx%n",
                    mlc,
                    mlh,
                    mlh / mlc,
                    median(lcCpu),
                    median(lhCpu),
                    median(lhCpu) / median(lcCpu));
        }
    }

    static List<String> texts(int n, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int words = 5 + random.nextInt(76);
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words; w++) {
                sb.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ". " : " ");
            }
            out.add(sb.toString().strip());
        }
        return out;
    }

    /** CPU time of this process (all threads), which a busy machine does not inflate the way it does wall time. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
