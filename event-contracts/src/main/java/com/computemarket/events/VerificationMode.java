package com.computemarket.events;

/** How a job's results are checked; chosen per job by the consumer. */
public enum VerificationMode {
    /** The revealed result is accepted as it is. */
    NONE,
    /** Replicas run on distinct providers; a result agreed by a majority of the replicas wins. */
    REDUNDANT
}
