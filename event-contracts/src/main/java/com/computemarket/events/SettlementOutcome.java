package com.computemarket.events;

/** Why a lease was settled, and so whom it paid. */
public enum SettlementOutcome {
    /** The work was verified: the provider was paid what it earned, less the fee; the rest went back. */
    PAID,
    /** The work was rejected (or earned nothing): everything went back to the consumer. */
    REFUNDED,
    /**
     * The consumer's funds ran out and the grace period ended: the provider was paid what it earned until the pause,
     * less the fee; the rest went back. Matching closes the lease with {@link LeaseCloseReason#INSUFFICIENT_FUNDS}.
     */
    LAPSED,
    /**
     * The consumer cancelled the job while the lease ran (matching closed it with
     * {@link LeaseCloseReason#CONSUMER_CANCELLED}): the provider was paid what it earned until the cancel, less the
     * fee; the rest went back. Matching already closed the lease; the settlement only confirms it.
     */
    CANCELLED
}
