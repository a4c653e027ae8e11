package com.computemarket.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The checked JSON example of each event type, for producer and consumer tests alike. */
public final class EventExamples {

    public static String json(EventType type) {
        try (InputStream in = EventExamples.class.getClassLoader().getResourceAsStream(type.exampleResource())) {
            if (in == null) {
                throw new IllegalStateException("no example for " + type.typeName() + " at " + type.exampleResource());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EventExamples() {
    }
}
