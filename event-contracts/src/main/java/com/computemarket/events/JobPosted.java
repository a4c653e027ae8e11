package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.util.UUID;

/** A consumer posted a job; escrow answers with {@link FundsHeld} or {@link FundsHoldRejected}. */
public record JobPosted(
        UUID jobId,
        String consumer,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger maxPricePerHour,
        long durationSeconds,
        int replicas,
        VerificationMode verificationMode) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
