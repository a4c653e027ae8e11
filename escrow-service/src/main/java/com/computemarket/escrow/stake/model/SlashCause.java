package com.computemarket.escrow.stake.model;

/** What a slash punishes; a lease is slashed at most once per cause. */
public enum SlashCause {
    /** Verification rejected the lease's result (WorkRejected). */
    WORK_REJECTED,
    /** The lease closed because the provider failed it (LeaseClosed with HEARTBEAT_LOST or PROVIDER_FAULT). */
    LEASE_LOST
}
