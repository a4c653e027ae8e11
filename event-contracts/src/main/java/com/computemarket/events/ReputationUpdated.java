package com.computemarket.events;

import java.util.UUID;

/**
 * A provider's score changed, on a scale of 0 to 1000; {@code cause} names the evidence (event type) and
 * {@code evidenceEventId} the event that moved it.
 */
public record ReputationUpdated(String provider, int score, int previousScore, String cause, UUID evidenceEventId)
        implements MarketEvent {

    @Override
    public String aggregateId() {
        return provider;
    }
}
