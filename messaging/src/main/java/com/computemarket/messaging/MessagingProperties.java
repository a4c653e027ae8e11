package com.computemarket.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param source              CloudEvents {@code source} of the events this service publishes
 * @param topicPartitions     partitions of each topic this service creates if missing
 * @param topicReplicas       replication factor of those topics (1 for a single local broker)
 * @param relayInterval       how often the relay looks for unpublished events
 * @param relayBatchSize      most events the relay publishes in one transaction
 * @param relaySendTimeout    how long the relay waits for the broker to acknowledge a batch before retrying it
 * @param consumerAttempts    deliveries of one record before it goes to the dead-letter topic
 * @param consumerBackoff     pause between those deliveries
 */
@ConfigurationProperties("messaging")
public record MessagingProperties(
        @DefaultValue("${spring.application.name:compute-market}") String source,
        @DefaultValue("3") int topicPartitions,
        @DefaultValue("1") short topicReplicas,
        @DefaultValue("50ms") Duration relayInterval,
        @DefaultValue("200") int relayBatchSize,
        @DefaultValue("10s") Duration relaySendTimeout,
        @DefaultValue("3") int consumerAttempts,
        @DefaultValue("200ms") Duration consumerBackoff) {
}
