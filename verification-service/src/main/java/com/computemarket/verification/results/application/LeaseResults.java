package com.computemarket.verification.results.application;

import com.computemarket.api.ApiProblem;
import com.computemarket.api.NotFoundOrNotYours;
import com.computemarket.events.LeaseAwarded;
import com.computemarket.events.LeaseClosed;
import com.computemarket.events.LeaseFunded;
import com.computemarket.events.MarketEvent;
import com.computemarket.events.WorkRejected;
import com.computemarket.events.WorkVerified;
import com.computemarket.messaging.EventOutbox;
import com.computemarket.verification.results.model.Bytes32;
import com.computemarket.verification.results.model.JobVerification;
import com.computemarket.verification.results.model.LeaseResult;
import com.computemarket.verification.results.model.Verdict;
import com.computemarket.verification.results.persistence.FundedLeases;
import com.computemarket.verification.results.persistence.JobVerificationRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads a job's verification under its row lock, makes the move, saves it and publishes the verdicts it caused. */
@Service
public class LeaseResults {

    private final JobVerificationRepository jobs;
    private final FundedLeases fundedLeases;
    private final EventOutbox outbox;
    private final Clock clock;

    LeaseResults(JobVerificationRepository jobs, FundedLeases fundedLeases, EventOutbox outbox, Clock clock) {
        this.jobs = jobs;
        this.fundedLeases = fundedLeases;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public void recordAward(LeaseAwarded awarded) {
        JobVerification job = jobs.lockById(awarded.jobId())
                .orElseGet(() -> new JobVerification(awarded.jobId(), awarded.consumer(), awarded.replicas(),
                        awarded.verificationMode()));
        job.awardLease(awarded.leaseId(), awarded.provider(), awarded.awardedAt());
        jobs.save(job);
    }

    /** The consumer cancelled the lease's job: verification stops expecting its result (see JobVerification). */
    @Transactional
    public void cancelLease(LeaseClosed closed) {
        jobs.lockById(closed.jobId()).ifPresent(job -> {
            job.cancelLease(closed.leaseId());
            jobs.save(job);
        });
    }

    /** Escrow's grace period ran out and the lease was closed: verification stops expecting its result. */
    @Transactional
    public void lapseLease(LeaseClosed closed) {
        jobs.lockById(closed.jobId()).ifPresent(job -> {
            job.lapseLease(closed.leaseId());
            jobs.save(job);
        });
    }

    @Transactional
    public void recordFunding(LeaseFunded funded, Instant occurredAt) {
        fundedLeases.record(funded.leaseId(), funded.jobId(), occurredAt);
    }

    /**
     * A commitment is taken only once escrow has funded the lease: its verdict can then never reach escrow before
     * the lease does, and no provider works on a lease nobody pays for.
     */
    @Transactional
    public LeaseResultView commit(String caller, UUID leaseId, Bytes32 commitment) {
        JobVerification job = lockJobProvidedBy(caller, leaseId);
        if (!fundedLeases.isFunded(leaseId)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "lease-not-funded", "Escrow has not funded lease " + leaseId
                    + " yet; commit once GET /api/v1/leases/" + leaseId + " shows it funded", "leaseId");
        }
        job.commit(leaseId, commitment, now());
        return view(job, leaseId);
    }

    @Transactional
    public LeaseResultView reveal(String caller, UUID leaseId, Bytes32 resultDigest, Bytes32 salt) {
        JobVerification job = lockJobProvidedBy(caller, leaseId);
        job.reveal(leaseId, resultDigest, salt, now()).stream()
                .map(LeaseResults::toEvent)
                .forEach(outbox::append);
        return view(job, leaseId);
    }

    @Transactional(readOnly = true)
    public LeaseResultView find(String caller, UUID leaseId) {
        JobVerification job = jobs.findJobIdOfLease(leaseId)
                .flatMap(jobs::findById)
                .filter(found -> found.mayBeSeenBy(leaseId, caller))
                .orElseThrow(() -> notFound(leaseId));
        return view(job, leaseId);
    }

    /** PostgreSQL keeps microseconds: answer with the instant as it will read back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private JobVerification lockJobProvidedBy(String caller, UUID leaseId) {
        return jobs.findJobIdOfLease(leaseId)
                .flatMap(jobs::lockById)
                .filter(job -> job.findLease(leaseId).map(lease -> lease.isProvidedBy(caller)).orElse(false))
                .orElseThrow(() -> notFound(leaseId));
    }

    private LeaseResultView view(JobVerification job, UUID leaseId) {
        LeaseResult lease = job.findLease(leaseId).orElseThrow();
        return LeaseResultView.of(job, lease, fundedLeases.isFunded(leaseId));
    }

    private static NotFoundOrNotYours notFound(UUID leaseId) {
        return new NotFoundOrNotYours("lease", leaseId, "leaseId");
    }

    private static MarketEvent toEvent(Verdict verdict) {
        return switch (verdict) {
            case Verdict.Verified verified -> new WorkVerified(verified.leaseId(), verified.jobId(),
                    verified.provider(), verified.resultDigest().hex());
            case Verdict.Rejected rejected -> new WorkRejected(rejected.leaseId(), rejected.jobId(),
                    rejected.provider(), rejected.reason().name(), rejected.evidence());
        };
    }
}
