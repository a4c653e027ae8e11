package com.computemarket.matching.jobs.model;

import java.util.Set;

/**
 * A job's lifecycle, with the transitions it allows written down as data. An AWARDED job whose lease failed goes
 * back to auction (RELISTING until escrow holds funds for it, then OPEN again) or, when its deadline leaves no time,
 * FAILS.
 */
public enum JobStatus {
    PENDING_FUNDS,
    OPEN,
    REJECTED,
    AWARDED,
    EXPIRED,
    COMPLETED,
    RELISTING,
    FAILED;

    public Set<JobStatus> next() {
        return switch (this) {
            case PENDING_FUNDS -> Set.of(OPEN, REJECTED);
            case OPEN -> Set.of(AWARDED, EXPIRED);
            case AWARDED -> Set.of(COMPLETED, RELISTING, FAILED);
            case RELISTING -> Set.of(OPEN, FAILED);
            case REJECTED, EXPIRED, COMPLETED, FAILED -> Set.of();
        };
    }

    public boolean canMoveTo(JobStatus target) {
        return next().contains(target);
    }
}
