package com.computemarket.escrow.stake.application;

import com.computemarket.escrow.MarketEventPublisher;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.Posting;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import com.computemarket.escrow.stake.model.IllegalStakeMoveException;
import com.computemarket.escrow.stake.model.LeaseCollateral;
import com.computemarket.escrow.stake.model.ProportionalSlashPolicy;
import com.computemarket.escrow.stake.model.SlashCause;
import com.computemarket.escrow.stake.model.SlashRecord;
import com.computemarket.escrow.stake.model.SlashShare;
import com.computemarket.events.LeaseAwarded;
import com.computemarket.events.LeaseCloseReason;
import com.computemarket.events.LeaseClosed;
import com.computemarket.events.LeasePricing;
import com.computemarket.events.StakeReduced;
import com.computemarket.events.StakeReductionCause;
import com.computemarket.events.WorkRejected;
import com.computemarket.events.WorkVerified;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Locks collateral from a provider's free stake while its lease runs, slashes it by the
 * {@link ProportionalSlashPolicy} when the provider is at fault, and releases the rest when the lease ends. Each
 * method runs in the transaction that records the triggering event as processed.
 */
@Service
public class CollateralService {

    /** Close reasons that are the provider's fault: the lease was lost, and its collateral is slashed. */
    static final Set<LeaseCloseReason> PROVIDER_FAULTS =
            EnumSet.of(LeaseCloseReason.HEARTBEAT_LOST, LeaseCloseReason.PROVIDER_FAULT);
    /**
     * Close reasons that follow a verdict, which decides the collateral: matching closes a lease COMPLETED after
     * escrow settled it, and VERIFICATION_FAILED after escrow's refund or on the rejection itself, whichever it
     * hears first.
     */
    static final Set<LeaseCloseReason> SETTLED_ON_VERDICT =
            EnumSet.of(LeaseCloseReason.COMPLETED, LeaseCloseReason.VERIFICATION_FAILED);

    private final Ledger ledger;
    private final StakeLifecycleStore store;
    private final MarketEventPublisher events;
    private final StakeProperties properties;
    private final LeaseFundingOutcomes fundingOutcomes;
    private final Clock clock;

    CollateralService(Ledger ledger, StakeLifecycleStore store, MarketEventPublisher events,
            StakeProperties properties, LeaseFundingOutcomes fundingOutcomes, Clock clock) {
        this.ledger = ledger;
        this.store = store;
        this.events = events;
        this.properties = properties;
        this.fundingOutcomes = fundingOutcomes;
        this.clock = clock;
    }

    /** Locks the collateral share of the lease's value, or as much of it as the provider's free stake covers. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockFor(LeaseAwarded awarded) {
        if (store.lockCollateral(awarded.leaseId()).isPresent()) {
            return;
        }
        AccountRef freeStake = AccountRef.stake(awarded.provider());
        LeaseCollateral collateral = LeaseCollateral.lock(awarded.leaseId(), awarded.jobId(), awarded.provider(),
                awarded.consumer(), LeasePricing.cost(awarded.pricePerHour(), awarded.durationSeconds()),
                properties.collateralBps(), ledger.balanceOf(freeStake), clock.instant());
        if (collateral.locked().signum() > 0) {
            // Refused if a concurrent unbonding took the free stake since it was read: the event is retried.
            ledger.apply(TransferRequest.move("collateral-lock:" + collateral.leaseId(), TransferKind.COLLATERAL_LOCK,
                    collateral.jobId(), collateral.leaseId(), freeStake, AccountRef.stakeLocked(collateral.provider()),
                    collateral.locked()));
        }
        store.insert(collateral);
    }

    /** The lease's result was accepted: its whole collateral goes back to the provider's free stake. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void releaseFor(WorkVerified verified) {
        LeaseCollateral collateral = lockCollateral(verified.leaseId());
        if (collateral.isLocked()) {
            release(collateral, "WORK_VERIFIED");
        }
    }

    /**
     * The lease's result was rejected: slash for it, then release what is left. Unless funding had already settled
     * the lease without a verdict: a lease that lapsed (its consumer stopped paying, its provider was told to stop
     * work and was paid until the pause) or whose job was cancelled expects no result, the verdict moved none of its
     * money, and its collateral is released without a slash, as its close releases it (whichever comes first).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void slashFor(WorkRejected rejected, UUID eventId) {
        LeaseCollateral collateral = lockCollateral(rejected.leaseId());
        if (!collateral.isLocked()) {
            return;
        }
        if (fundingOutcomes.settledWithoutVerdict(rejected.leaseId())) {
            release(collateral, "WORK_REJECTED_AFTER_SETTLEMENT");
            return;
        }
        slash(collateral, SlashCause.WORK_REJECTED, eventId,
                "WorkRejected " + rejected.reason() + ": " + rejected.evidence());
        release(collateral, "WORK_REJECTED");
    }

    /**
     * The lease closed. Lost to missed heartbeats or a provider fault: slash for it, then release what is left.
     * Closed on its settlement on a verdict (COMPLETED, VERIFICATION_FAILED): nothing here, the verdict releases or
     * slashes it. Closed for any other reason (CONSUMER_CANCELLED, INSUFFICIENT_FUNDS: funding settled it without
     * a verdict, and a later verdict will not slash, see {@link #slashFor}): release everything still locked.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void settleOnClose(LeaseClosed closed, UUID eventId) {
        if (SETTLED_ON_VERDICT.contains(closed.reason())) {
            // Matching closes these after a verdict (see SETTLED_ON_VERDICT), but this listener reads
            // verdicts on another topic and may not have applied that verdict yet (it waits for the award, or lags):
            // releasing here would let the provider of a rejected lease escape its slash.
            return;
        }
        LeaseCollateral collateral = lockCollateral(closed.leaseId());
        if (!collateral.isLocked()) {
            return;
        }
        if (PROVIDER_FAULTS.contains(closed.reason())) {
            slash(collateral, SlashCause.LEASE_LOST, eventId,
                    "LeaseClosed " + closed.reason() + " at " + closed.closedAt());
        }
        release(collateral, "LEASE_CLOSED_" + closed.reason());
    }

    private void slash(LeaseCollateral collateral, SlashCause cause, UUID evidenceEventId, String evidence) {
        ProportionalSlashPolicy policy = properties.slashing().policy();
        SlashShare share = policy.slashFor(cause, collateral);
        if (share.amount().signum() == 0) {
            return;
        }
        collateral.slash(share);
        List<Posting> postings = new ArrayList<>();
        postings.add(Posting.debit(AccountRef.stakeLocked(collateral.provider()), share.amount()));
        if (share.toConsumer().signum() > 0) {
            postings.add(Posting.credit(AccountRef.available(collateral.consumer()), share.toConsumer()));
        }
        if (share.toSlashedFunds().signum() > 0) {
            postings.add(Posting.credit(AccountRef.slashedFunds(), share.toSlashedFunds()));
        }
        UUID transferId = ledger.apply(new TransferRequest("slash:" + collateral.leaseId() + ":" + cause,
                TransferKind.STAKE_SLASH, collateral.jobId(), collateral.leaseId(), postings)).transfer().id();
        store.insert(new SlashRecord(transferId, collateral.leaseId(), cause, ProportionalSlashPolicy.NAME,
                collateral.provider(), collateral.consumer(), share, evidenceEventId, evidence, clock.instant()));
        events.publish(new StakeReduced(collateral.provider(), StakeReductionCause.SLASHED, share.amount(),
                BondedStake.of(ledger, collateral.provider()), collateral.leaseId()));
    }

    private void release(LeaseCollateral collateral, String reason) {
        Instant now = clock.instant();
        BigInteger rest = collateral.release(reason, now);
        if (rest.signum() > 0) {
            ledger.apply(TransferRequest.move("collateral-release:" + collateral.leaseId(),
                    TransferKind.COLLATERAL_RELEASE, collateral.jobId(), collateral.leaseId(),
                    AccountRef.stakeLocked(collateral.provider()), AccountRef.stake(collateral.provider()), rest));
        }
        store.update(collateral);
    }

    private LeaseCollateral lockCollateral(UUID leaseId) {
        // A verdict can overtake the award on another topic: failing lets the container retry it after the lock.
        return store.lockCollateral(leaseId).orElseThrow(() -> new IllegalStakeMoveException(
                "no collateral recorded for lease " + leaseId + " (its LeaseAwarded was not handled yet)"));
    }
}
