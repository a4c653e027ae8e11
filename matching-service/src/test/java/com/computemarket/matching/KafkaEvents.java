package com.computemarket.matching;

import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays the other services on the real broker: publishes their events (each type's checked example, adapted) with
 * the CloudEvents headers an outbox relay writes, and reads what matching published with a raw consumer.
 */
final class KafkaEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String bootstrapServers = TestInfrastructure.shared().kafka().bootstrapServers();

    /** The example of {@code type} with the given fields replaced, published as {@code key}. */
    void publishExample(EventType type, String key, Consumer<ObjectNode> adapt) {
        publishExamples(type, Map.of(key, adapt));
    }

    /**
     * The example of {@code type} with the given fields replaced, published as {@code key} with the CloudEvents id
     * {@code eventId}: publishing the same id again is a redelivery of the same event.
     */
    void publishExample(EventType type, String key, UUID eventId, Consumer<ObjectNode> adapt) {
        publishExamples(type, Map.of(key, adapt), eventId);
    }

    /** One example of {@code type} per key, adapted for it, sent through one producer and all acknowledged. */
    void publishExamples(EventType type, Map<String, Consumer<ObjectNode>> adaptByKey) {
        publishExamples(type, adaptByKey, null);
    }

    /** As above; each record gets {@code eventId} as its CloudEvents id, or a fresh one when it is null. */
    private void publishExamples(EventType type, Map<String, Consumer<ObjectNode>> adaptByKey, UUID eventId) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            adaptByKey.forEach((key, adapt) -> {
                ObjectNode payload = (ObjectNode) JSON.readTree(EventExamples.json(type));
                adapt.accept(payload);
                ProducerRecord<String, String> record =
                        new ProducerRecord<>(type.topic(), key, JSON.writeValueAsString(payload));
                header(record, "ce_id", (eventId != null ? eventId : UUID.randomUUID()).toString());
                header(record, "ce_type", type.typeName());
                header(record, "ce_source", "matching-service-test");
                header(record, "ce_time", Instant.now().toString());
                header(record, "ce_subject", key);
                header(record, "ce_specversion", "1.0");
                sent.add(producer.send(record));
            });
            for (Future<RecordMetadata> acknowledged : sent) {
                acknowledged.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type.typeName(), e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Every record of {@code type} keyed {@code key} on its topic so far, payloads parsed. */
    List<JsonNode> published(EventType type, String key) {
        return publishedWhere(type, key::equals);
    }

    /** Every record of {@code type} on its topic so far whose key passes {@code keys}, payloads parsed. */
    List<JsonNode> publishedWhere(EventType type, Predicate<String> keys) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            List<TopicPartition> partitions = consumer.partitionsFor(type.topic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<JsonNode> found = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.test(record.key()) && type.typeName().equals(typeOf(record).orElse(null))) {
                        found.add(JSON.readTree(record.value()));
                    }
                }
            }
            return found;
        }
    }

    private static Optional<String> typeOf(ConsumerRecord<String, String> record) {
        return Optional.ofNullable(record.headers().lastHeader("ce_type"))
                .map(header -> new String(header.value(), StandardCharsets.UTF_8));
    }
}
