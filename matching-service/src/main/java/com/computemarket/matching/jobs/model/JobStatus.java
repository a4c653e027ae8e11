package com.computemarket.matching.jobs.model;

import java.util.Set;

/**
 * A job's lifecycle, with the transitions it allows written down as data. An AWARDED job whose lease failed goes
 * back to auction (RELISTING until escrow holds funds for it, then OPEN again) or, when its deadline leaves no time,
 * FAILS.
 * Until it ends, its consumer may cancel it: from PENDING_FUNDS, OPEN, AWARDED or RELISTING to CANCELLED, which, like
 * REJECTED, EXPIRED, COMPLETED and FAILED, is final.
 */
public enum JobStatus {
    PENDING_FUNDS,
    OPEN,
    REJECTED,
    AWARDED,
    EXPIRED,
    COMPLETED,
    RELISTING,
    FAILED,
    CANCELLED;

    public Set<JobStatus> next() {
        return switch (this) {
            case PENDING_FUNDS -> Set.of(OPEN, REJECTED, CANCELLED);
            case OPEN -> Set.of(AWARDED, EXPIRED, CANCELLED);
            case AWARDED -> Set.of(COMPLETED, RELISTING, FAILED, CANCELLED);
            case RELISTING -> Set.of(OPEN, FAILED, CANCELLED);
            case REJECTED, EXPIRED, COMPLETED, FAILED, CANCELLED -> Set.of();
        };
    }

    /** Whether the job has ended: nothing moves it any more. */
    public boolean isFinal() {
        return next().isEmpty();
    }

    public boolean canMoveTo(JobStatus target) {
        return next().contains(target);
    }
}
