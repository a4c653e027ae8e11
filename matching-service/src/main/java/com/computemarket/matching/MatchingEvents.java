package com.computemarket.matching;

/** Names this service uses on Kafka. */
public final class MatchingEvents {

    /** Consumer group and inbox consumer name of every listener in this service. */
    public static final String CONSUMER = "matching-service";

    private MatchingEvents() {
    }
}
