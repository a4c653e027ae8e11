package com.computemarket.messaging;

import com.computemarket.events.EventType;
import com.computemarket.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Outbox, relay, inbox, topics and dead-lettering for a service that publishes or consumes market events. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventOutbox eventOutbox(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        return new EventOutbox(jdbc, json, clock);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            KafkaTemplate<String, String> kafka, MessagingProperties properties, MeterRegistry meters) {
        return new OutboxRelay(jdbc, new TransactionTemplate(transactions), kafka, properties, meters);
    }

    @Bean
    Inbox inbox(JdbcTemplate jdbc, PlatformTransactionManager transactions, JsonMapper json, Clock clock,
            MeterRegistry meters) {
        return new Inbox(jdbc, new TransactionTemplate(transactions), json, clock, meters);
    }

    /** Bounded retries, then the record goes to {@code <topic>.DLT}; nothing is swallowed. */
    @Bean
    @ConditionalOnMissingBean
    DefaultErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, String> kafka, MessagingProperties properties) {
        DeadLetterPublishingRecoverer toDeadLetterTopic = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(Topics.deadLetterTopicOf(record.topic()), record.partition()));
        DefaultErrorHandler handler = new DefaultErrorHandler(toDeadLetterTopic,
                new FixedBackOff(properties.consumerBackoff().toMillis(), properties.consumerAttempts() - 1L));
        handler.addNotRetryableExceptions(MalformedEventException.class, JacksonException.class);
        return handler;
    }

    /**
     * A consumer group that starts fresh must read what was published before it joined (outbox events are durable),
     * so {@code earliest} is the default here; {@code spring.kafka.consumer.auto-offset-reset} still overrides it.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer readFromEarliestOffsetByDefault() {
        return factory -> {
            if (!factory.getConfigurationProperties().containsKey(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)) {
                factory.updateConfigs(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
            }
        };
    }

    /** Every market topic and its dead-letter topic, with equal partition counts so a record keeps its partition. */
    @Bean
    KafkaAdmin.NewTopics marketTopics(MessagingProperties properties) {
        NewTopic[] topics = Arrays.stream(EventType.values())
                .map(EventType::topic)
                .distinct()
                .flatMap(topic -> Stream.of(topic, Topics.deadLetterTopicOf(topic)))
                .map(topic -> TopicBuilder.name(topic).partitions(properties.topicPartitions())
                        .replicas(properties.topicReplicas()).build())
                .toArray(NewTopic[]::new);
        return new KafkaAdmin.NewTopics(topics);
    }

    /** The outbox and inbox tables migrate with the service's own schema, before its own migrations. */
    @Bean
    FlywayConfigurationCustomizer messagingMigrations() {
        return configuration -> {
            var locations = Stream.concat(Stream.of(configuration.getLocations()).map(Object::toString),
                            Stream.of("classpath:db/messaging"))
                    .distinct()
                    .toArray(String[]::new);
            configuration.locations(locations);
        };
    }
}
