package com.computemarket.matching.leases.model;

/**
 * ACTIVE from award until escrow settles it (COMPLETED: provider paid; VERIFICATION_FAILED: refunded) or verification
 * rejects its result (VERIFICATION_FAILED, whichever of the two matching hears first), or until its provider goes
 * silent for longer than the heartbeat timeout or reports a fault (FAILED, closed for HEARTBEAT_LOST or
 * PROVIDER_FAULT).
 */
public enum LeaseStatus {
    ACTIVE,
    COMPLETED,
    VERIFICATION_FAILED,
    FAILED,
    /** The consumer's funds ran out and escrow's grace period ended: escrow settled what was earned. */
    LAPSED,
    /** The job's consumer cancelled the job while the lease ran (CONSUMER_CANCELLED): escrow settles what it earned. */
    CANCELLED
}
