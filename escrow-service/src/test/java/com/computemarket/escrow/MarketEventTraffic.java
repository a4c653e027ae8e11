package com.computemarket.escrow;

import static org.awaitility.Awaitility.await;

import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Talks to the real broker the way other services do: publishes events built from the checked examples with
 * CloudEvents headers, and reads what escrow published with a plain consumer.
 */
public final class MarketEventTraffic implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    public MarketEventTraffic(String... topicsToRead) {
        String servers = TestInfrastructure.shared().kafka().bootstrapServers();
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(producerConfig);
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "escrow-test-reader-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(consumerConfig);
        consumer.subscribe(List.of(topicsToRead));
    }

    /** The checked example of {@code type} with some fields replaced. */
    public static ObjectNode example(EventType type, Consumer<ObjectNode> changes) {
        ObjectNode payload = (ObjectNode) JSON.readTree(EventExamples.json(type));
        changes.accept(payload);
        return payload;
    }

    /** Publishes a new event; returns its event id. */
    public UUID publish(EventType type, String key, JsonNode payload) {
        UUID eventId = UUID.randomUUID();
        publish(type, key, payload, eventId);
        return eventId;
    }

    /** Publishes an event with a given id (the same id again is a redelivery). */
    public void publish(EventType type, String key, JsonNode payload, UUID eventId) {
        ProducerRecord<String, String> record = new ProducerRecord<>(type.topic(), key, JSON.writeValueAsString(payload));
        Map.of("ce_id", eventId.toString(),
                        "ce_type", type.typeName(),
                        "ce_source", "escrow-service-test",
                        "ce_time", Instant.now().toString(),
                        "ce_subject", key,
                        "ce_specversion", "1.0",
                        "content-type", "application/json")
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + type.typeName(), e);
        }
    }

    /** Waits until {@code count} records of {@code type} with {@code key} arrived; returns their payloads. */
    public List<JsonNode> awaitPublished(EventType type, String key, int count, Predicate<JsonNode> matching) {
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(received::add);
            return select(type, key, matching).size() >= count;
        });
        return select(type, key, matching);
    }

    public JsonNode awaitOnePublished(EventType type, String key, Predicate<JsonNode> matching) {
        return awaitPublished(type, key, 1, matching).getFirst();
    }

    /** Waits for a record with {@code key} on {@code topic} whatever its type (a dead-letter topic, say). */
    public JsonNode awaitOnePublishedTo(String topic, String key) {
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(received::add);
            return received.stream().anyMatch(record -> record.topic().equals(topic) && key.equals(record.key()));
        });
        return received.stream()
                .filter(record -> record.topic().equals(topic) && key.equals(record.key()))
                .map(record -> JSON.readTree(record.value()))
                .findFirst()
                .orElseThrow();
    }

    private List<JsonNode> select(EventType type, String key, Predicate<JsonNode> matching) {
        return received.stream()
                .filter(record -> record.topic().equals(type.topic()) && key.equals(record.key()))
                .filter(record -> type.typeName().equals(header(record, "ce_type")))
                .map(record -> JSON.readTree(record.value()))
                .filter(matching)
                .toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
