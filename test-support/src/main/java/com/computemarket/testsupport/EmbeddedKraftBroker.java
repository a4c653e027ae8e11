package com.computemarket.testsupport;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real Kafka broker and controller (KRaft) running inside this JVM. */
final class EmbeddedKraftBroker implements KafkaBroker {
    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKraftBroker(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /** @param port 0 for any free port */
    static EmbeddedKraftBroker start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        if (port > 0) {
            broker.kafkaPorts(port);
        }
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "3",
                "log.flush.interval.messages", "9223372036854775807"));
        broker.afterPropertiesSet();
        return new EmbeddedKraftBroker(broker);
    }

    @Override
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
