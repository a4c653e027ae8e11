package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.util.UUID;

/** Escrow moved {@code amount} of the consumer's available balance into a hold for the job. */
public record FundsHeld(
        UUID jobId,
        String consumer,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
