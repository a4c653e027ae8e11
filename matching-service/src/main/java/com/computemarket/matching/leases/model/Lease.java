package com.computemarket.matching.leases.model;

import com.computemarket.events.LeaseAwarded;
import com.computemarket.events.LeaseCloseReason;
import com.computemarket.events.LeaseClosed;
import com.computemarket.events.LeaseDowntimeRecorded;
import com.computemarket.events.MarketEvent;
import com.computemarket.events.SettlementOutcome;
import com.computemarket.events.VerificationMode;
import com.computemarket.events.LeasePricing;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One replica of a job, awarded to one provider at its bid price for the job's duration. */
@Entity
@Table(name = "lease")
public class Lease {

    @Id
    private UUID id;

    @Column(name = "job_id", nullable = false)
    private UUID jobId;

    @Column(nullable = false)
    private String consumer;

    @Column(nullable = false)
    private String provider;

    @Column(name = "price_per_hour", nullable = false, precision = 78)
    private BigInteger pricePerHour;

    @Column(name = "duration_seconds", nullable = false)
    private long durationSeconds;

    /** The node whose capacity the lease holds while it is active. */
    @Column(name = "node_id")
    private UUID nodeId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private LeaseStatus status;

    @Column(name = "awarded_at", nullable = false)
    private Instant awardedAt;

    @Column(name = "funded_at")
    private Instant fundedAt;

    @Column(name = "last_heartbeat_at")
    private Instant lastHeartbeatAt;

    /** Since when escrow has paused the lease for want of funds; null while it runs. */
    @Column(name = "paused_at")
    private Instant pausedAt;

    /** When escrow last resumed the lease after a pause; heartbeats are expected again from then on. */
    @Column(name = "resumed_at")
    private Instant resumedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "close_reason")
    private LeaseCloseReason closeReason;

    /** Verification's verdict on the lease's result; null until matching hears of it (or if none ever comes). */
    @Enumerated(EnumType.STRING)
    @Column(name = "verdict")
    private LeaseVerdict verdict;

    @Version
    private long version;

    protected Lease() {
    }

    private Lease(UUID id, UUID jobId, String consumer, String provider, BigInteger pricePerHour,
            long durationSeconds, UUID nodeId, Instant awardedAt) {
        this.id = id;
        this.jobId = jobId;
        this.consumer = consumer;
        this.provider = provider;
        this.pricePerHour = pricePerHour;
        this.durationSeconds = durationSeconds;
        this.nodeId = nodeId;
        this.status = LeaseStatus.ACTIVE;
        this.awardedAt = awardedAt;
    }

    /** The lease runs on {@code nodeId}, where the award reserved one replica's resources. */
    public static Lease award(UUID id, UUID jobId, String consumer, String provider, BigInteger pricePerHour,
            long durationSeconds, UUID nodeId, Instant now) {
        return new Lease(id, jobId, consumer, provider, pricePerHour, durationSeconds, nodeId, now);
    }

    /** The event announcing this lease; {@code leasesInAward} leases were awarded by the same auction. */
    public LeaseAwarded awarded(int leasesInAward, int replicas, VerificationMode verificationMode) {
        return new LeaseAwarded(id, jobId, consumer, provider, pricePerHour, durationSeconds, leasesInAward,
                replicas, verificationMode, awardedAt);
    }

    /** Escrow moved the lease's escrow out of the job's hold. Funding the same lease again changes nothing. */
    public void noteFunded(Instant now) {
        if (fundedAt == null) {
            fundedAt = now;
        }
    }

    /**
     * The provider reports the work is running. If the last sign of life (the previous heartbeat, or the award) is
     * more than {@code allowedGap} ago, the time from then plus the allowed gap until now was downtime: recorded
     * here, once, since this heartbeat becomes the last sign of life.
     */
    public Optional<LeaseDowntimeRecorded> recordHeartbeat(Instant now, Duration allowedGap) {
        requireActive();
        Optional<LeaseDowntimeRecorded> downtime = downtimeUntil(now, allowedGap);
        this.lastHeartbeatAt = now;
        return downtime;
    }

    /**
     * Escrow paused the lease at {@code at}: its consumer cannot keep it funded, and its provider is told to stop
     * work until a top-up resumes it or the grace period ends (then escrow settles it and matching closes it
     * INSUFFICIENT_FUNDS). Silence from the pause on is what was asked for: neither downtime nor heartbeat loss.
     * Silence before the pause that was already longer than the allowed gap was downtime: recorded here, up to the
     * pause. A pause of a lease that is closed or paused already changes nothing.
     */
    public Optional<LeaseDowntimeRecorded> pause(Instant at, Duration allowedGap) {
        if (status != LeaseStatus.ACTIVE || pausedAt != null) {
            return Optional.empty();
        }
        Optional<LeaseDowntimeRecorded> downtime = downtimeUntil(at, allowedGap);
        this.pausedAt = at;
        return downtime;
    }

    /**
     * Escrow resumed the lease at {@code at}: heartbeats are expected again, the allowed gap and the heartbeat
     * timeout counted from the resume (the provider restarts the work). A resume of a lease that is closed or not
     * paused changes nothing.
     */
    public void resume(Instant at) {
        if (status != LeaseStatus.ACTIVE || pausedAt == null) {
            return;
        }
        this.pausedAt = null;
        this.resumedAt = at;
    }

    /** The latest of the last heartbeat, the last resume and the award. */
    public Instant lastSignOfLife() {
        Instant heard = lastHeartbeatAt != null ? lastHeartbeatAt : awardedAt;
        return resumedAt != null && resumedAt.isAfter(heard) ? resumedAt : heard;
    }

    /**
     * Whether the lease is active, running (not paused), without a verdict, and nothing was heard of it since before
     * {@code cutoff}. A provider whose result was verified has finished and stops heartbeating while escrow settles;
     * its silence is no loss.
     */
    public boolean isSilentSince(Instant cutoff) {
        return status == LeaseStatus.ACTIVE && pausedAt == null && verdict == null
                && lastSignOfLife().isBefore(cutoff);
    }

    /**
     * The downtime of a running lease from its last sign of life plus the allowed gap until {@code now}, if that
     * is later; none while it is paused (no work is expected then, and the silence before the pause was recorded
     * when it paused).
     */
    private Optional<LeaseDowntimeRecorded> downtimeUntil(Instant now, Duration allowedGap) {
        Instant downtimeStartedAt = lastSignOfLife().plus(allowedGap);
        if (pausedAt != null || !now.isAfter(downtimeStartedAt)) {
            return Optional.empty();
        }
        return Optional.of(new LeaseDowntimeRecorded(id, jobId, consumer, provider, downtimeStartedAt, now));
    }

    /**
     * The provider went silent for longer than the heartbeat timeout: the lease fails. Emits the downtime from the
     * last sign of life plus the allowed gap until now, then LeaseClosed with HEARTBEAT_LOST.
     */
    public List<MarketEvent> closeOnHeartbeatLost(Instant now, Duration allowedGap) {
        requireActive();
        this.status = LeaseStatus.FAILED;
        this.closeReason = LeaseCloseReason.HEARTBEAT_LOST;
        this.closedAt = now;
        List<MarketEvent> events = new ArrayList<>();
        downtimeUntil(now, allowedGap).ifPresent(events::add);
        events.add(new LeaseClosed(id, jobId, provider, closeReason, now));
        return events;
    }

    /**
     * The job's consumer cancelled the job: the lease closes with CONSUMER_CANCELLED at {@code now}, up to which
     * escrow pays the provider what it earned. A provider silent for longer than the allowed gap when the cancel
     * came was down from its last sign of life plus the gap: that downtime is emitted first (no later heartbeat
     * will report it, and escrow must not pay for it), then LeaseClosed, on the same lease stream, in that order.
     */
    public List<MarketEvent> closeOnConsumerCancel(Instant now, Duration allowedGap) {
        requireActive();
        List<MarketEvent> events = new ArrayList<>();
        downtimeUntil(now, allowedGap).ifPresent(events::add);
        this.status = LeaseStatus.CANCELLED;
        this.closeReason = LeaseCloseReason.CONSUMER_CANCELLED;
        this.closedAt = now;
        events.add(new LeaseClosed(id, jobId, provider, closeReason, now));
        return events;
    }

    /**
     * The provider reports it cannot finish the work (its node broke down, say): the lease fails at once, without
     * waiting for the heartbeat timeout, and closes with PROVIDER_FAULT.
     */
    public LeaseClosed closeOnProviderFault(Instant now) {
        requireActive();
        this.status = LeaseStatus.FAILED;
        this.closeReason = LeaseCloseReason.PROVIDER_FAULT;
        this.closedAt = now;
        return new LeaseClosed(id, jobId, provider, closeReason, now);
    }

    /**
     * Closed because its provider failed it: it stopped sending heartbeats, reported a fault, or delivered a result
     * verification rejected. Such providers are named as excluded when the job is re-listed.
     */
    public boolean failed() {
        return status == LeaseStatus.FAILED || verdict == LeaseVerdict.REJECTED;
    }

    /**
     * Verification rejected the lease's result ({@code WorkRejected}). A running lease closes VERIFICATION_FAILED at
     * {@code now}. The answer says whether the rejection ended the lease's run, so that its replica is lost: it did
     * when the lease was running, or when escrow's refund of this same rejection closed it first ({@link
     * #awaitsVerdict}); it did not when the lease had ended otherwise (heartbeat loss or a fault, already counted
     * as lost; a cancel; a lapse) or when the rejection was heard before (a repeated verdict changes nothing).
     *
     * @throws IllegalStateException if the verdict names another provider or contradicts one already heard
     */
    public Rejection reject(String rejectedProvider, Instant now) {
        requireVerdictOnOwnResult(rejectedProvider, LeaseVerdict.REJECTED);
        boolean refundedAwaitingIt = awaitsVerdict();
        this.verdict = LeaseVerdict.REJECTED;
        if (status != LeaseStatus.ACTIVE) {
            return new Rejection(refundedAwaitingIt, Optional.empty());
        }
        this.status = LeaseStatus.VERIFICATION_FAILED;
        this.closeReason = LeaseCloseReason.VERIFICATION_FAILED;
        this.closedAt = now;
        return new Rejection(true, Optional.of(new LeaseClosed(id, jobId, provider, closeReason, now)));
    }

    /**
     * What a rejection did: whether it ended the lease's run ({@code endedTheRun}), and the LeaseClosed to publish
     * if it closed the lease itself.
     */
    public record Rejection(boolean endedTheRun, Optional<LeaseClosed> closed) {
    }

    /**
     * Verification accepted the lease's result ({@code WorkVerified}). Only recorded: escrow's settlement closes the
     * lease, as it pays the provider. Hearing it again changes nothing.
     *
     * @throws IllegalStateException if the verdict names another provider or contradicts one already heard
     */
    public void noteVerified(String verifiedProvider) {
        requireVerdictOnOwnResult(verifiedProvider, LeaseVerdict.VERIFIED);
        this.verdict = LeaseVerdict.VERIFIED;
    }

    private void requireVerdictOnOwnResult(String verdictProvider, LeaseVerdict newVerdict) {
        if (!isHeldBy(verdictProvider)) {
            throw new IllegalStateException("verdict on lease " + id + " names provider " + verdictProvider
                    + " but the lease is " + provider + "'s");
        }
        if (verdict != null && verdict != newVerdict) {
            throw new IllegalStateException("lease " + id + " was " + verdict + " and cannot be " + newVerdict);
        }
    }

    /**
     * Escrow refunded the lease (closing it VERIFICATION_FAILED) before matching heard its verdict. A refund follows
     * a rejection, or a verified result that earned nothing (a verdict within the lease's first second): until the
     * verdict arrives, matching cannot tell whether the replica was lost.
     */
    public boolean awaitsVerdict() {
        return status == LeaseStatus.VERIFICATION_FAILED && verdict == null;
    }

    /**
     * Escrow settled the lease: paid means the work was verified, refunded means it was rejected, lapsed means the
     * consumer's funds ran out and the grace period ended (cancelled: the consumer cancelled the job; matching closed
     * the lease then, so this only happens to a lease closed already, which {@link #isClosed} tells).
     */
    public LeaseClosed closeOnSettlement(SettlementOutcome outcome, Instant now) {
        requireActive();
        this.status = switch (outcome) {
            case PAID -> LeaseStatus.COMPLETED;
            case REFUNDED -> LeaseStatus.VERIFICATION_FAILED;
            case LAPSED -> LeaseStatus.LAPSED;
            case CANCELLED -> LeaseStatus.CANCELLED;
        };
        this.closeReason = switch (outcome) {
            case PAID -> LeaseCloseReason.COMPLETED;
            case REFUNDED -> LeaseCloseReason.VERIFICATION_FAILED;
            case LAPSED -> LeaseCloseReason.INSUFFICIENT_FUNDS;
            case CANCELLED -> LeaseCloseReason.CONSUMER_CANCELLED;
        };
        this.closedAt = now;
        return new LeaseClosed(id, jobId, provider, closeReason, now);
    }

    private void requireActive() {
        if (status != LeaseStatus.ACTIVE) {
            throw new LeaseNotActive(id, status);
        }
    }

    public boolean isClosed() {
        return status != LeaseStatus.ACTIVE;
    }

    public boolean isHeldBy(String address) {
        return provider.equalsIgnoreCase(address);
    }

    /** What escrow keeps for this lease: the bid price over the job's duration. */
    public BigInteger escrowAmount() {
        return LeasePricing.cost(pricePerHour, durationSeconds);
    }

    public UUID id() {
        return id;
    }

    public UUID jobId() {
        return jobId;
    }

    public String consumer() {
        return consumer;
    }

    public String provider() {
        return provider;
    }

    public BigInteger pricePerHour() {
        return pricePerHour;
    }

    public long durationSeconds() {
        return durationSeconds;
    }

    /** The node the lease runs on; null only for leases awarded before capacity was allocated. */
    public UUID nodeId() {
        return nodeId;
    }

    public LeaseStatus status() {
        return status;
    }

    public Instant awardedAt() {
        return awardedAt;
    }

    public Instant fundedAt() {
        return fundedAt;
    }

    public Instant lastHeartbeatAt() {
        return lastHeartbeatAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Instant pausedAt() {
        return pausedAt;
    }

    public LeaseCloseReason closeReason() {
        return closeReason;
    }

    public LeaseVerdict verdict() {
        return verdict;
    }
}
