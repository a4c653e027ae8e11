package com.computemarket.escrow.funding.application;

import com.computemarket.escrow.EscrowProperties;
import com.computemarket.escrow.MarketEventPublisher;
import com.computemarket.escrow.funding.model.Award;
import com.computemarket.escrow.funding.model.FundingTerms;
import com.computemarket.escrow.funding.model.IllegalFundingMoveException;
import com.computemarket.escrow.funding.model.JobHold;
import com.computemarket.escrow.funding.model.LeaseDowntime;
import com.computemarket.escrow.funding.model.LeaseEscrow;
import com.computemarket.escrow.funding.model.Settlement;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.InsufficientFundsException;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import com.computemarket.events.FundsHeld;
import com.computemarket.events.FundsHoldRejected;
import com.computemarket.events.JobCancelled;
import com.computemarket.events.JobExpired;
import com.computemarket.events.JobPosted;
import com.computemarket.events.JobRelisted;
import com.computemarket.events.LeaseAwarded;
import com.computemarket.events.LeaseCloseReason;
import com.computemarket.events.LeaseClosed;
import com.computemarket.events.LeaseDowntimeRecorded;
import com.computemarket.events.LeaseFunded;
import com.computemarket.events.LeasePricing;
import com.computemarket.events.WorkRejected;
import com.computemarket.events.WorkVerified;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.IdGenerator;

/**
 * Moves a job's money as the market's events arrive. Each method runs in the transaction that records the event as
 * processed, and announces what it did (through the outbox) in that same transaction.
 */
@Service
public class FundingService {

    /** Stable reason codes of {@link FundsHoldRejected}. */
    static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";
    static final String NOTHING_TO_HOLD = "NOTHING_TO_HOLD";

    private final FundingStore store;
    private final Ledger ledger;
    private final MarketEventPublisher events;
    private final EscrowProperties properties;
    private final FundingTerms terms;
    private final LeaseMeter meter;
    private final Clock clock;
    private final IdGenerator ids;

    FundingService(FundingStore store, Ledger ledger, MarketEventPublisher events, EscrowProperties properties,
            LeaseFundingProperties leases, LeaseMeter meter, Clock clock, IdGenerator ids) {
        this.store = store;
        this.ledger = ledger;
        this.events = events;
        this.properties = properties;
        this.terms = leases.terms();
        this.meter = meter;
        this.clock = clock;
        this.ids = ids;
    }

    /** Holds every replica at the maximum price for the whole duration, or says why it cannot. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void placeHold(JobPosted posted) {
        placeHold(new HoldRequest(posted.jobId(), JobHold.FIRST_LISTING, posted.consumer(),
                posted.maxPricePerHour(), posted.durationSeconds(), posted.replicas()));
    }

    /**
     * The job went back to auction after a lease failed: a new hold for the re-listing, answered exactly as a
     * posted job's hold. The re-listing must follow a listing escrow saw, for the same consumer.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void placeHold(JobRelisted relisted) {
        List<JobHold> holds = store.lockJobHolds(relisted.jobId());
        if (holds.isEmpty() || relisted.listing() <= JobHold.FIRST_LISTING) {
            throw new IllegalFundingMoveException("job " + relisted.jobId() + " re-listed as listing "
                    + relisted.listing() + " but escrow never saw it posted");
        }
        if (!holds.getFirst().isOwnedBy(relisted.consumer())) {
            throw new IllegalFundingMoveException("re-listing of job " + relisted.jobId() + " names consumer "
                    + relisted.consumer() + " but the job belongs to " + holds.getFirst().consumer());
        }
        placeHold(new HoldRequest(relisted.jobId(), relisted.listing(), relisted.consumer(),
                relisted.maxPricePerHour(), relisted.durationSeconds(), relisted.replicas()));
    }

    /** The job's auction ended without a lease: the whole hold of its latest listing goes back to the consumer. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void releaseHold(JobExpired expired) {
        List<JobHold> holds = store.lockJobHolds(expired.jobId());
        if (holds.isEmpty()) {
            throw new IllegalFundingMoveException("job " + expired.jobId() + " expired but escrow never saw it posted");
        }
        JobHold latest = holds.getLast();
        if (!latest.expire()) {
            return;
        }
        returnRestOfHold(latest, "hold-release:", TransferKind.HOLD_RELEASE);
        store.update(latest);
    }

    /**
     * The consumer cancelled the job: every listing still held for an auction goes back to the consumer's available
     * balance (key {@code hold-release:<listing>}, the same as an expiry's, so a listing is released once whatever
     * released it) and funds no lease any more. Leases already funded settle on their own LeaseClosed
     * ({@link #settleCancelled}). A redelivered cancel finds nothing held and moves nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void releaseCancelledJob(JobCancelled cancelled) {
        List<JobHold> holds = store.lockJobHolds(cancelled.jobId());
        if (holds.isEmpty()) {
            throw new IllegalFundingMoveException("job " + cancelled.jobId()
                    + " cancelled but escrow never saw it posted");
        }
        if (!holds.getFirst().isOwnedBy(cancelled.consumer())) {
            throw new IllegalFundingMoveException("cancel of job " + cancelled.jobId() + " names consumer "
                    + cancelled.consumer() + " but the job belongs to " + holds.getFirst().consumer());
        }
        store.recordJobCancelled(cancelled.jobId(), cancelled.cancelledAt(), clock.instant());
        for (JobHold hold : holds) {
            if (hold.cancel()) {
                returnRestOfHold(hold, "hold-release:", TransferKind.HOLD_RELEASE);
                store.update(hold);
            }
        }
    }

    /**
     * Turns part of a hold into the lease's escrow; after the award's last lease, returns the rest of the hold.
     * LeaseAwarded does not name its listing: it funds from the job's earliest listing still held. A listing's
     * awards all precede (on the job's lease stream) the failure that re-lists the job, and a re-listing's awards
     * follow its FundsHeld, so the earliest held listing is always the one the award belongs to.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void fundLease(LeaseAwarded awarded) {
        List<JobHold> holds = store.lockJobHolds(awarded.jobId());
        if (holds.isEmpty()) {
            throw new IllegalFundingMoveException("lease " + awarded.leaseId() + " awarded for job "
                    + awarded.jobId() + " that escrow never saw posted");
        }
        JobHold hold = holds.stream().filter(JobHold::isHeld).findFirst().orElse(holds.getLast());
        if (hold.isCancelled()) {
            // The award crossed the consumer's cancel (they travel on different topics): the cancel released the
            // listing, and matching closed the lease with it. Nothing to fund.
            return;
        }
        BigInteger escrow = LeaseEscrow.initialFunding(awarded.pricePerHour(), awarded.durationSeconds(), terms);
        LeaseEscrow lease = hold.fundLease(new Award(awarded.leaseId(), awarded.consumer(), awarded.provider(),
                awarded.pricePerHour(), awarded.durationSeconds(), awarded.leasesInAward(), awarded.awardedAt()),
                escrow, clock.instant());
        ledger.apply(TransferRequest.move("lease-funding:" + lease.leaseId(), TransferKind.LEASE_FUNDING,
                hold.jobId(), lease.leaseId(), hold.heldAccount(), AccountRef.leaseEscrow(lease.leaseId()),
                escrow));
        store.insert(lease);
        if (hold.awardFullyFunded()) {
            returnRestOfHold(hold, "hold-excess:", TransferKind.HOLD_EXCESS_RETURN);
        }
        store.update(hold);
        events.publish(new LeaseFunded(lease.leaseId(), lease.jobId(), lease.provider(), escrow));
    }

    /**
     * Pays the provider what the lease earned up to now, less the protocol fee, and returns the rest of the lease's
     * money to the consumer. A lease that already lapsed was settled then: the verdict changes nothing. A verdict
     * that crossed its job's cancel (escrow heard of the cancel, but not yet of this lease's close) settles the lease
     * exactly as that close will: up to the cancel ({@link #settleCancelled}), never for time after it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void payProvider(WorkVerified verified) {
        LeaseEscrow lease = lockLease(verified.leaseId());
        if (!lease.status().isOpen()) {
            return;
        }
        Optional<Instant> cancelledAt = store.jobCancelledAt(lease.jobId());
        if (cancelledAt.isPresent()) {
            settleUpToCancel(lease, verified.provider(), cancelledAt.get());
            return;
        }
        lease.meterUntil(clock.instant());
        Settlement settlement = lease.pay(verified.provider(), meter.balancesOf(lease),
                properties.fees().protocolFeeBps(), ids.generateId(), clock.instant());
        meter.settle(lease, settlement, TransferKind.SETTLEMENT_PAYOUT);
    }

    /** Returns everything the lease holds (escrow and what it earned) to the consumer. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refundConsumer(WorkRejected rejected) {
        LeaseEscrow lease = lockLease(rejected.leaseId());
        if (!lease.status().isOpen()) {
            return;
        }
        Settlement settlement = lease.refund(rejected.provider(), meter.balancesOf(lease), ids.generateId(),
                clock.instant());
        meter.settle(lease, settlement, TransferKind.SETTLEMENT_REFUND);
    }

    /**
     * A lease its provider lost (heartbeats stopped, or a fault) before any verdict: its result will never come and
     * the job runs again elsewhere, so everything the lease holds goes back to the consumer (the provider's
     * collateral is slashed separately). A cancel's close is settled by {@link #settleCancelled}; other closes are
     * settled by their verdict or lapse, not here.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void settleLost(LeaseClosed closed) {
        if (closed.reason() != LeaseCloseReason.HEARTBEAT_LOST && closed.reason() != LeaseCloseReason.PROVIDER_FAULT) {
            return;
        }
        LeaseEscrow lease = lockLease(closed.leaseId());
        if (!lease.status().isOpen()) {
            return;
        }
        Settlement settlement = lease.refund(closed.provider(), meter.balancesOf(lease), ids.generateId(),
                clock.instant());
        meter.settle(lease, settlement, TransferKind.SETTLEMENT_REFUND);
    }

    /**
     * A lease closed because its consumer cancelled the job: the provider is paid what the lease earned until the
     * close, less the protocol fee, and the rest of its money goes back to the consumer ({@code SETTLEMENT_CANCEL},
     * {@code SettlementRecorded} CANCELLED). A lease already settled (a lapse got there first) stays as it is, and a
     * lease never funded because the award crossed the cancel has nothing to settle.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void settleCancelled(LeaseClosed closed) {
        Optional<LeaseEscrow> found = store.lockLease(closed.leaseId());
        if (found.isEmpty()) {
            if (store.lockJobHolds(closed.jobId()).stream().anyMatch(JobHold::isCancelled)) {
                return;
            }
            throw new IllegalFundingMoveException("lease " + closed.leaseId() + " closed for its job's cancel"
                    + " but escrow never funded it");
        }
        store.recordJobCancelled(closed.jobId(), closed.closedAt(), clock.instant());
        LeaseEscrow lease = found.get();
        if (!lease.status().isOpen()) {
            return;
        }
        settleUpToCancel(lease, closed.provider(), closed.closedAt());
    }

    /**
     * The provider is paid what the lease earned until {@code cancelledAt}, less the fee; the rest goes back
     * ({@code SETTLEMENT_CANCEL}, key {@code settlement:<leaseId>}, so once whichever event gets here first).
     */
    private void settleUpToCancel(LeaseEscrow lease, String provider, Instant cancelledAt) {
        Settlement settlement = lease.cancel(provider, cancelledAt, meter.balancesOf(lease),
                properties.fees().protocolFeeBps(), ids.generateId(), clock.instant());
        meter.settle(lease, settlement, TransferKind.SETTLEMENT_CANCEL);
    }

    /**
     * Refunds a stretch of missed heartbeats at the lease's price from its escrow, once per stretch; its seconds
     * stop counting towards what the provider earned. A stretch reported after the lease was settled changes
     * nothing (the settlement already split the lease's money).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refundDowntime(LeaseDowntimeRecorded downtime) {
        LeaseEscrow lease = lockLease(downtime.leaseId());
        if (!lease.status().isOpen() || store.downtimeRecorded(lease.leaseId(), downtime.downtimeStartedAt())) {
            return;
        }
        AccountRef escrow = AccountRef.leaseEscrow(lease.leaseId());
        BigInteger refund = lease.recordDowntime(downtime.downtimeStartedAt(), downtime.downtimeEndedAt(),
                ledger.balanceOf(escrow));
        if (refund.signum() > 0) {
            ledger.apply(TransferRequest.move("downtime-refund:" + lease.leaseId() + ":"
                            + downtime.downtimeStartedAt().toEpochMilli(), TransferKind.DOWNTIME_REFUND,
                    lease.jobId(), lease.leaseId(), escrow, AccountRef.available(lease.consumer()), refund));
        }
        store.insert(new LeaseDowntime(lease.leaseId(), downtime.downtimeStartedAt(), downtime.downtimeEndedAt(),
                lease.downtimeSecondsWithinLease(downtime.downtimeStartedAt(), downtime.downtimeEndedAt()), refund,
                clock.instant()));
        store.update(lease);
    }

    private void placeHold(HoldRequest request) {
        if (store.findJobHold(request.jobId(), request.listing()).isPresent()) {
            return;
        }
        BigInteger required = LeasePricing.hold(request.maxPricePerHour(), request.durationSeconds(),
                request.replicas());
        AccountRef available = AccountRef.available(request.consumer());
        if (required.signum() == 0) {
            reject(request, NOTHING_TO_HOLD, required, ledger.balanceOf(available));
            return;
        }
        JobHold hold = JobHold.placed(request.jobId(), request.listing(), request.consumer(), required,
                clock.instant());
        try {
            ledger.apply(TransferRequest.move("hold:" + hold.reference(), TransferKind.HOLD, hold.jobId(), null,
                    available, hold.heldAccount(), required));
        } catch (InsufficientFundsException refused) {
            reject(request, INSUFFICIENT_FUNDS, required, refused.available());
            return;
        }
        store.insert(hold);
        events.publish(new FundsHeld(hold.jobId(), hold.consumer(), required));
    }

    private void reject(HoldRequest request, String reason, BigInteger required, BigInteger available) {
        store.insert(JobHold.rejected(request.jobId(), request.listing(), request.consumer(), required,
                clock.instant()));
        events.publish(new FundsHoldRejected(request.jobId(), request.consumer(), reason, required, available));
    }

    private void returnRestOfHold(JobHold hold, String keyPrefix, TransferKind kind) {
        AccountRef held = hold.heldAccount();
        BigInteger rest = ledger.balanceOf(held);
        if (rest.signum() > 0) {
            ledger.apply(TransferRequest.move(keyPrefix + hold.reference(), kind, hold.jobId(), null, held,
                    AccountRef.available(hold.consumer()), rest));
        }
    }

    private LeaseEscrow lockLease(UUID leaseId) {
        return store.lockLease(leaseId)
                .orElseThrow(() -> new IllegalFundingMoveException("event on lease " + leaseId
                        + " that escrow never funded"));
    }

    /** What a posted or re-listed job asks escrow to hold. */
    private record HoldRequest(UUID jobId, int listing, String consumer, BigInteger maxPricePerHour,
            long durationSeconds, int replicas) {
    }
}
