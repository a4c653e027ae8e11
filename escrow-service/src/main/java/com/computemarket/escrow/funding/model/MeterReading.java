package com.computemarket.escrow.funding.model;

import java.math.BigInteger;

/**
 * What one metering of a lease decided, for the application service to carry out in the ledger and announce.
 *
 * @param topUp      to move from the consumer's available balance into the lease's escrow, first
 * @param accrual    to move from the lease's escrow to what the provider earned, after the top-up
 * @param transition what happened to the lease's funding
 * @param shortfall  on a pause: what the consumer must add to its available balance to resume the lease
 */
public record MeterReading(BigInteger topUp, BigInteger accrual, Transition transition, BigInteger shortfall) {

    public enum Transition {
        /** Still running, or still paused within its grace period. */
        NONE,
        PAUSED,
        RESUMED,
        /** The grace period ended unpaid: the lease is to be settled on what it earned. */
        LAPSED
    }
}
