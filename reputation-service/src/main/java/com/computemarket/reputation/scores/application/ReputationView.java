package com.computemarket.reputation.scores.application;

import com.computemarket.reputation.scores.model.ReputationEvidence;
import com.computemarket.reputation.scores.model.WorkOutcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A provider's score and the latest evidence behind it, newest first. */
public record ReputationView(String provider, int score, List<Evidence> evidence) {

    /** @param reason the rejection reason code; null for verified work */
    public record Evidence(UUID eventId, String type, WorkOutcome outcome, int delta, int scoreAfter, UUID leaseId,
            UUID jobId, String reason, Instant occurredAt) {

        static Evidence of(ReputationEvidence row) {
            return new Evidence(row.eventId(), row.eventType(), row.outcome(), row.delta(), row.scoreAfter(),
                    row.leaseId(), row.jobId(), row.reason(), row.occurredAt());
        }
    }
}
