package com.computemarket.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Every lease of the job is closed (each announced by its own {@link LeaseClosed}) and no replica waits to be re-run:
 * the job ended COMPLETED. It moves no money: escrow settled each lease on its own ({@link SettlementRecorded}) and
 * released the hold's remainder when the leases were funded. Published once per job, in the transaction that closes its
 * last lease or records the verdict it waited for.
 */
public record JobCompleted(UUID jobId, String consumer, Instant completedAt) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
