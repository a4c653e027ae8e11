package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.util.UUID;

/** Escrow turned part of the job's hold into escrow for this lease. */
public record LeaseFunded(
        UUID leaseId,
        UUID jobId,
        String provider,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
