/**
 * Embedding providers: text in, unit-length float vectors out (so cosine similarity is a dot product).
 *
 * <p>{@link io.lakehub.vector.embed.EmbeddingProvider} is the one interface the index and the app use. Implementations:
 * {@link io.lakehub.vector.embed.OnnxMiniLmEmbeddingProvider} (all-MiniLM-L6-v2 quantized, in process, batched ONNX
 * Runtime calls; the default), {@link io.lakehub.vector.embed.OllamaEmbeddingProvider} and
 * {@link io.lakehub.vector.embed.OpenAiEmbeddingProvider} (HTTP), and
 * {@link io.lakehub.vector.embed.HashingEmbeddingProvider} (deterministic feature hashing, for tests). A failing
 * provider throws {@link io.lakehub.vector.embed.EmbeddingException}, which names the server or model but never the
 * texts. No Spring, no Camel (ADR 0034).
 */
package io.lakehub.vector.embed;
