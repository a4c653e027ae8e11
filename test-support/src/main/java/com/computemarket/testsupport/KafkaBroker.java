package com.computemarket.testsupport;

/** A running Kafka broker (KRaft, no ZooKeeper). */
public interface KafkaBroker extends AutoCloseable {

    String bootstrapServers();

    @Override
    void close();
}
