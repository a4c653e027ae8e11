package com.computemarket.messaging;

import com.computemarket.events.MarketEvent;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/** Appends events to the outbox inside the caller's transaction, so state and event commit or vanish together. */
public class EventOutbox {
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;

    EventOutbox(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Records the event for publication after the surrounding transaction commits; returns its event id. */
    public UUID append(MarketEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an event must be appended inside the transaction that causes it");
        }
        UUID eventId = UUID.randomUUID();
        jdbc.update("""
                insert into outbox_event (event_id, topic, message_key, event_type, payload, occurred_at)
                values (?, ?, ?, ?, ?, ?)
                """,
                eventId, event.eventType().topic(), event.aggregateId(), event.eventType().typeName(),
                json.writeValueAsString(event), Timestamp.from(clock.instant()));
        return eventId;
    }
}
