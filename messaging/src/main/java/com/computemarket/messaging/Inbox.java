package com.computemarket.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies each event at most once per consumer: the event id is recorded in the same transaction as the effect,
 * so a redelivery after a crash or a rebalance finds it and does nothing. Failures propagate to the listener
 * container, which retries a bounded number of times and then dead-letters the record.
 */
public class Inbox {
    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;
    private final Counter duplicates;

    Inbox(JdbcTemplate jdbc, TransactionTemplate transaction, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
        this.duplicates = Counter.builder("messaging.inbox.duplicates")
                .description("Redelivered events recognised and skipped")
                .register(meters);
    }

    public void handleOnce(String consumer, ConsumerRecord<String, String> record, Consumer<InboundEvent> effect) {
        Optional<InboundEvent> read = InboundEvent.read(record, json);
        if (read.isEmpty()) {
            log.debug("{} skips {}-{}@{}: an event type it does not know", consumer, record.topic(),
                    record.partition(), record.offset());
            return;
        }
        InboundEvent event = read.get();
        transaction.executeWithoutResult(status -> {
            int recorded = jdbc.update("""
                    insert into processed_event (consumer, event_id, event_type, processed_at) values (?, ?, ?, ?)
                    on conflict do nothing
                    """, consumer, event.id(), event.type().typeName(), Timestamp.from(clock.instant()));
            if (recorded == 0) {
                duplicates.increment();
                return;
            }
            effect.accept(event);
        });
    }
}
