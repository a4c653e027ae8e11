package com.computemarket.escrow.funding.model;

/** Where a lease's escrow stands. */
public enum LeaseStatus {
    /** Funded and running: it accrues to the provider second by second. */
    FUNDED,
    /** The consumer could not keep it funded: nothing accrues until a top-up resumes it or its grace period ends. */
    PAUSED,
    /** Settled on a verified result: the provider was paid what it earned, less the fee. */
    PAID,
    /** Settled on a rejected result: everything went back to the consumer. */
    REFUNDED,
    /** Settled when its grace period ended unpaid: the provider was paid what it earned until the pause. */
    LAPSED,
    /** Settled when the consumer cancelled its job: the provider was paid what it earned until the cancel. */
    CANCELLED;

    /** Whether the lease's money is still in escrow (running or paused). */
    public boolean isOpen() {
        return this == FUNDED || this == PAUSED;
    }
}
