package io.lakehub.routes.kafka;

import java.util.List;

/**
 * Receives a batch's dead letters once the batch is read, before its data is committed, so a hub
 * that stops in between finds them delivered when it reads the batch again.
 */
@FunctionalInterface
public interface DeadLetterSink {

    /**
     * @param letters the batch's records that are not JSON objects, in partition and offset order
     * @throws RuntimeException when they could not be delivered: the batch is not committed
     */
    void deliver(List<DeadLetter> letters);
}
