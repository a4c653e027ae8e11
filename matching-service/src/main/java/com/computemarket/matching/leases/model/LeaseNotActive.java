package com.computemarket.matching.leases.model;

import java.util.UUID;

/** The lease is already closed; nothing more can be recorded on it. */
public class LeaseNotActive extends IllegalStateException {

    public LeaseNotActive(UUID leaseId, LeaseStatus status) {
        super("lease " + leaseId + " is " + status + ", not ACTIVE");
    }
}
