package io.lakehub.routes.brokers;

import java.util.Objects;

/**
 * One message of a broker pipeline, as handed to a {@link MessageCommitter}.
 *
 * @param pipelineId the pipeline whose dataset the message goes to
 * @param body the message payload as received (a JSON object, or NDJSON lines)
 * @param messageId the broker's id of the message where it has one that survives a redelivery
 *     (AMQP {@code message-id}, NATS {@code Nats-Msg-Id}); {@code null} when it has none (MQTT)
 */
public record PipelineMessage(String pipelineId, byte[] body, String messageId) {

    public PipelineMessage {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(body, "body");
        messageId = messageId == null || messageId.isBlank() ? null : messageId;
    }
}
