package com.computemarket.reputation.scores.model;

/** What verification decided about one lease's work. */
public enum WorkOutcome {
    VERIFIED,
    REJECTED
}
