package com.computemarket.matching.jobs.model;

import java.util.Set;

/** A job's lifecycle, with the transitions it allows written down as data. */
public enum JobStatus {
    PENDING_FUNDS,
    OPEN,
    REJECTED,
    AWARDED,
    EXPIRED,
    COMPLETED;

    public Set<JobStatus> next() {
        return switch (this) {
            case PENDING_FUNDS -> Set.of(OPEN, REJECTED);
            case OPEN -> Set.of(AWARDED, EXPIRED);
            case AWARDED -> Set.of(COMPLETED);
            case REJECTED, EXPIRED, COMPLETED -> Set.of();
        };
    }

    public boolean canMoveTo(JobStatus target) {
        return next().contains(target);
    }
}
