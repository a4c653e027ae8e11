package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * Escrow settled a lease: the provider got {@code providerPayout}, the protocol kept {@code protocolFee}, and
 * {@code consumerRefund} went back to the consumer. The three add up to what the lease held when it was settled
 * (its escrow plus what it had earned; downtime refunds left earlier). chain-indexer puts it in a Merkle batch.
 */
public record SettlementRecorded(
        UUID settlementId,
        UUID leaseId,
        UUID jobId,
        String consumer,
        String provider,
        SettlementOutcome outcome,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger providerPayout,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger protocolFee,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger consumerRefund,
        Instant recordedAt) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
