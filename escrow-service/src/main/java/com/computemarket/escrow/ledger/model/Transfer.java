package com.computemarket.escrow.ledger.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A transfer as recorded in the ledger. */
public record Transfer(
        UUID id,
        String idempotencyKey,
        TransferKind kind,
        UUID jobId,
        UUID leaseId,
        Instant recordedAt,
        List<Posting> postings) {

    public Transfer {
        postings = List.copyOf(postings);
    }
}
