package com.computemarket.verification.results.model;

/**
 * Where a lease's result stands; VERIFIED and REJECTED are final and each lease reaches at most one of them. A lease
 * whose job its consumer cancelled before a verdict is CANCELLED, one closed because its consumer's funds ran out is
 * LAPSED (both final): no result is expected from either.
 */
public enum LeaseResultStatus {
    AWAITING_COMMITMENT,
    COMMITTED,
    /** Revealed and matching its commitment; waiting for the other replicas to reach a consensus. */
    REVEALED,
    VERIFIED,
    REJECTED,
    CANCELLED,
    LAPSED
}
