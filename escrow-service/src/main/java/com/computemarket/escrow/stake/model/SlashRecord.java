package com.computemarket.escrow.stake.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A slash as recorded beside its ledger transfer: which lease, why, by which policy, how the money was split, and
 * the evidence — the id of the event that reported the fault and what it said (the verdict's reason and evidence,
 * or the lease's close reason).
 */
public record SlashRecord(UUID transferId, UUID leaseId, SlashCause cause, String policy, String provider,
        String consumer, SlashShare share, UUID evidenceEventId, String evidence, Instant slashedAt) {
}
