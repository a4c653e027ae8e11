package com.computemarket.escrow.funding.model;

/** Where a lease's escrow stands. */
public enum LeaseStatus {
    FUNDED,
    PAID,
    REFUNDED
}
