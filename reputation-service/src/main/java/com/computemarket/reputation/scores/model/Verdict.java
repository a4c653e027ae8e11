package com.computemarket.reputation.scores.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A verdict on a provider's work as evidence for its score.
 *
 * @param eventId   the id of the event that carried it (also the evidence's identity)
 * @param eventType the event's stable type name, e.g. {@code WorkVerified}
 * @param reason    the rejection reason code, null for a verified lease
 */
public record Verdict(UUID eventId, String eventType, WorkOutcome outcome, String provider, UUID leaseId,
        UUID jobId, String reason, Instant occurredAt) {
}
