package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.util.UUID;

/** Escrow could not hold funds for the job; {@code reason} is a stable code such as {@code INSUFFICIENT_FUNDS}. */
public record FundsHoldRejected(
        UUID jobId,
        String consumer,
        String reason,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger requiredAmount,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger availableAmount) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
