package com.computemarket.matching.leases.model;

/**
 * ACTIVE from award until escrow settles it (COMPLETED: provider paid; VERIFICATION_FAILED: refunded), or until its
 * provider goes silent for longer than the heartbeat timeout (FAILED, closed for HEARTBEAT_LOST).
 */
public enum LeaseStatus {
    ACTIVE,
    COMPLETED,
    VERIFICATION_FAILED,
    FAILED
}
