package com.computemarket.messaging;

import com.computemarket.events.MarketEvent;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/** Appends events to the outbox inside the caller's transaction, so state and event commit or vanish together. */
public class EventOutbox {

    /**
     * Most events one insert statement carries in {@link #appendAll}: large enough that a bulk step makes few round
     * trips, small enough that one statement's arrays stay a few megabytes.
     */
    static final int MAX_EVENTS_PER_STATEMENT = 5_000;

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
        requireTransaction();
        UUID eventId = UUID.randomUUID();
        jdbc.update("""
                insert into outbox_event (event_id, topic, message_key, event_type, payload, occurred_at)
                values (?, ?, ?, ?, ?, ?)
                """,
                eventId, event.eventType().topic(), event.aggregateId(), event.eventType().typeName(),
                json.writeValueAsString(event), Timestamp.from(clock.instant()));
        return eventId;
    }

    /**
     * Records many events for publication after the surrounding transaction commits, as {@link #append} would one
     * by one, but in one insert statement per {@value #MAX_EVENTS_PER_STATEMENT} events instead of one per event (for
     * bulk steps such as a chain backfill). They are published in list order. Returns their event ids, in list order.
     */
    public List<UUID> appendAll(List<? extends MarketEvent> events) {
        requireTransaction();
        List<UUID> eventIds = new ArrayList<>(events.size());
        Timestamp occurredAt = Timestamp.from(clock.instant());
        for (int first = 0; first < events.size(); first += MAX_EVENTS_PER_STATEMENT) {
            eventIds.addAll(insert(events.subList(first, Math.min(events.size(), first + MAX_EVENTS_PER_STATEMENT)),
                    occurredAt));
        }
        return eventIds;
    }

    /**
     * One statement for all {@code events}: columns travel as arrays and {@code unnest} turns them back into rows in
     * array order, which is the order the {@code sequence} column (the relay's publishing order) is drawn in.
     */
    private List<UUID> insert(List<? extends MarketEvent> events, Timestamp occurredAt) {
        int count = events.size();
        String[] eventIds = new String[count];
        String[] topics = new String[count];
        String[] keys = new String[count];
        String[] types = new String[count];
        String[] payloads = new String[count];
        List<UUID> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            MarketEvent event = events.get(i);
            UUID eventId = UUID.randomUUID();
            ids.add(eventId);
            eventIds[i] = eventId.toString();
            topics[i] = event.eventType().topic();
            keys[i] = event.aggregateId();
            types[i] = event.eventType().typeName();
            payloads[i] = json.writeValueAsString(event);
        }
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    insert into outbox_event (event_id, topic, message_key, event_type, payload, occurred_at)
                    select event_id, topic, message_key, event_type, payload, ?
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
                        as event (event_id, topic, message_key, event_type, payload)
                    """);
            insert.setTimestamp(1, occurredAt);
            insert.setArray(2, connection.createArrayOf("text", eventIds));
            insert.setArray(3, connection.createArrayOf("text", topics));
            insert.setArray(4, connection.createArrayOf("text", keys));
            insert.setArray(5, connection.createArrayOf("text", types));
            insert.setArray(6, connection.createArrayOf("text", payloads));
            return insert;
        });
        return ids;
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an event must be appended inside the transaction that causes it");
        }
    }
}
