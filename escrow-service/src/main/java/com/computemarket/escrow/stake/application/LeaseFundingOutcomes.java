package com.computemarket.escrow.stake.application;

import java.util.UUID;

/**
 * What escrow's funding did with a lease's money, as far as its collateral depends on it. Funding settles a lease
 * once, on whichever comes first of its verdict, its lapse (the consumer's funds ran out), its job's cancel or its
 * loss; a verdict that comes after a lapse or a cancel changed nothing about the lease's money, and must change
 * nothing about its collateral either.
 */
public interface LeaseFundingOutcomes {

    /** Whether funding settled the lease without a verdict, because it lapsed or its job was cancelled. */
    boolean settledWithoutVerdict(UUID leaseId);
}
