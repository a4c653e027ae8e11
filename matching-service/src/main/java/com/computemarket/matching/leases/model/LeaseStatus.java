package com.computemarket.matching.leases.model;

/** ACTIVE from award until escrow settles it; then COMPLETED (provider paid) or VERIFICATION_FAILED (refunded). */
public enum LeaseStatus {
    ACTIVE,
    COMPLETED,
    VERIFICATION_FAILED
}
