package com.computemarket.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox events to Kafka, oldest first. One instance of a service relays at a time (a
 * transaction-scoped advisory lock on the service's database), so one aggregate's events reach its partition in the
 * order they were committed even when the service runs several replicas. A row is marked published only after the
 * broker acknowledged it, so a crash in between republishes it (consumers are idempotent).
 */
class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Fixed and arbitrary ("outbox" in ASCII): the advisory lock that makes one relay active per database. */
    static final long RELAY_LOCK_KEY = 0x6f7574626f78L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, String> kafka;
    private final MessagingProperties properties;
    private final Counter published;
    private ScheduledExecutorService executor;

    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transaction, KafkaTemplate<String, String> kafka,
            MessagingProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.kafka = kafka;
        this.properties = properties;
        this.published = Counter.builder("messaging.outbox.published")
                .description("Events the outbox relay published to Kafka")
                .register(meters);
    }

    /** Publishes one batch of pending events; returns how many it published. */
    int relayBatch() {
        Integer count = transaction.execute(status -> {
            Boolean relayTurn = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class,
                    RELAY_LOCK_KEY);
            if (!Boolean.TRUE.equals(relayTurn)) {
                return 0; // another instance is relaying; it holds the lock until its batch commits
            }
            List<PendingEvent> pending = jdbc.query("""
                    select sequence, event_id, topic, message_key, event_type, payload, occurred_at
                    from outbox_event where published_at is null
                    order by sequence limit ? for update skip locked
                    """,
                    (row, index) -> new PendingEvent(row.getLong("sequence"), row.getObject("event_id", UUID.class),
                            row.getString("topic"), row.getString("message_key"), row.getString("event_type"),
                            row.getString("payload"), row.getObject("occurred_at", OffsetDateTime.class).toInstant()),
                    properties.relayBatchSize());
            if (pending.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> acknowledgements = new ArrayList<>(pending.size());
            for (PendingEvent event : pending) {
                acknowledgements.add(kafka.send(event.toRecord(properties.source())));
            }
            awaitAcknowledgements(acknowledgements);
            jdbc.update("update outbox_event set published_at = now() where sequence = any(?)",
                    (Object) pending.stream().map(PendingEvent::sequence).toArray(Long[]::new));
            return pending.size();
        });
        published.increment(count);
        return count;
    }

    /**
     * Bounded, because the claimed rows stay locked and a connection stays taken while we wait: in a broker outage
     * the batch rolls back and is retried on a later tick instead of pinning the transaction.
     */
    private void awaitAcknowledgements(List<CompletableFuture<?>> acknowledgements) {
        try {
            CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new))
                    .get(properties.relaySendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge the batch", e);
        }
    }

    private void relayUntilDrained() {
        try {
            while (relayBatch() == properties.relayBatchSize()) {
                // a full batch means more may be waiting: keep going without waiting for the next tick
            }
        } catch (RuntimeException e) {
            log.warn("Outbox relay failed; pending events stay in the outbox and are retried: {}", e.toString());
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-relay").daemon().factory());
        long interval = properties.relayInterval().toMillis();
        executor.scheduleWithFixedDelay(this::relayUntilDrained, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    private record PendingEvent(long sequence, UUID eventId, String topic, String key, String type, String payload,
            Instant occurredAt) {

        ProducerRecord<String, String> toRecord(String source) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            header(record, CloudEventHeaders.ID, eventId.toString());
            header(record, CloudEventHeaders.TYPE, type);
            header(record, CloudEventHeaders.SOURCE, source);
            header(record, CloudEventHeaders.TIME, occurredAt.toString());
            header(record, CloudEventHeaders.SUBJECT, key);
            header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
            header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
            return record;
        }

        private static void header(ProducerRecord<String, String> record, String name, String value) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
