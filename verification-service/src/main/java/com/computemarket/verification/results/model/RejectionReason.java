package com.computemarket.verification.results.model;

/** Stable codes carried by {@code WorkRejected.reason}. */
public enum RejectionReason {
    /** The revealed digest and salt do not hash to the lease's commitment. */
    COMMITMENT_MISMATCH,
    /** A quorum of replicas agreed on a different digest. */
    OUTVOTED,
    /** Every replica revealed and no digest reached the quorum. */
    NO_CONSENSUS
}
