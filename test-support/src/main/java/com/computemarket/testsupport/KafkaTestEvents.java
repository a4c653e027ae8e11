package com.computemarket.testsupport;

import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Raw Kafka clients for tests: publish events as an outbox relay would, read what the service published. */
public final class KafkaTestEvents {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** The checked example of {@code type} with some of its fields replaced; only fields the example has. */
    public static String example(EventType type, Map<String, Object> replacements) {
        ObjectNode example = (ObjectNode) JSON.readTree(EventExamples.json(type));
        replacements.forEach((field, value) -> {
            if (!example.has(field)) {
                throw new IllegalArgumentException(type.typeName() + " has no field " + field);
            }
            example.set(field, JSON.valueToTree(value));
        });
        return JSON.writeValueAsString(example);
    }

    /** Publishes with the CloudEvents headers the outbox relay writes, under the given event id. */
    public static void publish(EventType type, String key, String payload, UUID eventId) {
        ProducerRecord<String, String> record = new ProducerRecord<>(type.topic(), key, payload);
        record.headers()
                .add("ce_id", bytes(eventId.toString()))
                .add("ce_type", bytes(type.typeName()))
                .add("ce_source", bytes("test"))
                .add("ce_time", bytes(Instant.now().toString()))
                .add("ce_subject", bytes(key))
                .add("ce_specversion", bytes("1.0"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type.typeName(), e);
        }
    }

    private static Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    private static String bootstrapServers() {
        return TestInfrastructure.shared().kafka().bootstrapServers();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Everything published to a topic so far, read up to its end offsets without joining a consumer group. */
    public static List<ConsumerRecord<String, String>> readAll(String topic) {
        try (TopicReader reader = new TopicReader(topic)) {
            return reader.toEnd();
        }
    }

    /** Reads a topic from its beginning without a consumer group; poll it from one thread only. */
    public static final class TopicReader implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

        public TopicReader(String topic) {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(config);
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Every record up to the topic's end offsets as of this call. */
        List<ConsumerRecord<String, String>> toEnd() {
            var partitions = consumer.assignment();
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            return List.copyOf(seen);
        }

        /** Every record so far with this key, in partition order. */
        public List<ConsumerRecord<String, String>> keyed(String key) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().filter(record -> key.equals(record.key())).toList();
        }

        public static String header(ConsumerRecord<String, String> record, String name) {
            return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
        }

        public static JsonNode payload(ConsumerRecord<String, String> record) {
            return JSON.readTree(record.value());
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private KafkaTestEvents() {
    }
}
