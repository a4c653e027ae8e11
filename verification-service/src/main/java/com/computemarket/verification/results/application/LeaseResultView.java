package com.computemarket.verification.results.application;

import com.computemarket.events.VerificationMode;
import com.computemarket.verification.results.model.Bytes32;
import com.computemarket.verification.results.model.JobVerification;
import com.computemarket.verification.results.model.LeaseResult;
import com.computemarket.verification.results.model.LeaseResultStatus;
import com.computemarket.verification.results.model.RejectionReason;
import java.time.Instant;
import java.util.UUID;

/** A lease's result as its provider and the job's consumer see it; fields not reached yet are null. */
public record LeaseResultView(
        UUID leaseId,
        UUID jobId,
        String provider,
        VerificationMode verificationMode,
        int replicas,
        boolean funded,
        LeaseResultStatus status,
        String commitment,
        String resultDigest,
        RejectionReason reason,
        String evidence,
        Instant committedAt,
        Instant revealedAt,
        Instant decidedAt) {

    static LeaseResultView of(JobVerification job, LeaseResult lease, boolean funded) {
        return new LeaseResultView(
                lease.leaseId(),
                job.jobId(),
                lease.provider(),
                job.verificationMode(),
                job.replicas(),
                funded,
                lease.status(),
                lease.commitment().map(Bytes32::hex).orElse(null),
                lease.resultDigest().map(Bytes32::hex).orElse(null),
                lease.rejectionReason().orElse(null),
                lease.evidence().orElse(null),
                lease.committedAt().orElse(null),
                lease.revealedAt().orElse(null),
                lease.decidedAt().orElse(null));
    }
}
