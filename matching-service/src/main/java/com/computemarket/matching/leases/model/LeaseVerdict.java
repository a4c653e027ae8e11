package com.computemarket.matching.leases.model;

/** What verification decided about a lease's result (WorkVerified, WorkRejected); a lease gets one verdict. */
public enum LeaseVerdict {
    VERIFIED,
    REJECTED
}
