package com.computemarket.verification.results.model;

import java.util.UUID;

/** The one final judgement on a lease's result. */
public sealed interface Verdict {

    UUID leaseId();

    record Verified(UUID leaseId, UUID jobId, String provider, Bytes32 resultDigest) implements Verdict {
    }

    record Rejected(UUID leaseId, UUID jobId, String provider, RejectionReason reason, String evidence)
            implements Verdict {
    }
}
