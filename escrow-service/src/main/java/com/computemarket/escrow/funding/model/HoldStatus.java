package com.computemarket.escrow.funding.model;

/** Where a job's hold stands. */
public enum HoldStatus {
    /** Funds are held while the job is auctioned; leases may be funded from them. */
    HELD,
    /** The consumer could not cover the hold; nothing was held. */
    REJECTED,
    /** The job expired without a lease; the hold went back to the consumer. */
    RELEASED,
    /** Every lease of the award is funded and the excess went back to the consumer. */
    AWARDED,
    /**
     * The consumer cancelled the job while the listing was held: what it still held went back to the consumer, and
     * no lease is funded from it any more.
     */
    CANCELLED
}
