package com.computemarket.verification.results.model;

/** Where a lease's result stands; VERIFIED and REJECTED are final and each lease reaches exactly one of them. */
public enum LeaseResultStatus {
    AWAITING_COMMITMENT,
    COMMITTED,
    /** Revealed and matching its commitment; waiting for the other replicas to reach a consensus. */
    REVEALED,
    VERIFIED,
    REJECTED
}
