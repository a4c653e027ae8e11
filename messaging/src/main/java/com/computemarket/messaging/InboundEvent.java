package com.computemarket.messaging;

import com.computemarket.events.EventType;
import com.computemarket.events.MarketEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.json.JsonMapper;

/** An event as a consumer receives it: its CloudEvents attributes and its typed payload. */
public record InboundEvent(UUID id, EventType type, String aggregateId, Instant occurredAt, MarketEvent payload) {

    /**
     * Reads a record published by an outbox; empty if its type is one this build does not know (a newer producer).
     *
     * @throws MalformedEventException if required attributes are missing or the payload does not parse
     */
    static Optional<InboundEvent> read(ConsumerRecord<String, String> record, JsonMapper json) {
        String typeName = header(record, CloudEventHeaders.TYPE);
        Optional<EventType> type = EventType.byTypeName(typeName);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(header(record, CloudEventHeaders.ID));
            Instant occurredAt = Instant.parse(header(record, CloudEventHeaders.TIME));
            MarketEvent payload = json.readValue(record.value(), type.get().payloadType());
            return Optional.of(new InboundEvent(id, type.get(), record.key(), occurredAt, payload));
        } catch (RuntimeException e) {
            throw new MalformedEventException("unreadable " + typeName + " at " + record.topic() + "-"
                    + record.partition() + "@" + record.offset() + ": " + e.getMessage(), e);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            throw new MalformedEventException("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " lacks header " + name, null);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
