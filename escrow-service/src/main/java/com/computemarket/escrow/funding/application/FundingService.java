package com.computemarket.escrow.funding.application;

import com.computemarket.escrow.EscrowProperties;
import com.computemarket.escrow.MarketEventPublisher;
import com.computemarket.escrow.funding.model.IllegalFundingMoveException;
import com.computemarket.escrow.funding.model.JobHold;
import com.computemarket.escrow.funding.model.LeaseEscrow;
import com.computemarket.escrow.funding.model.Settlement;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.InsufficientFundsException;
import com.computemarket.escrow.ledger.model.Posting;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import com.computemarket.events.FundsHeld;
import com.computemarket.events.FundsHoldRejected;
import com.computemarket.events.JobExpired;
import com.computemarket.events.JobPosted;
import com.computemarket.events.LeaseAwarded;
import com.computemarket.events.LeaseFunded;
import com.computemarket.events.LeasePricing;
import com.computemarket.events.SettlementRecorded;
import com.computemarket.events.WorkRejected;
import com.computemarket.events.WorkVerified;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
    private final Clock clock;
    private final IdGenerator ids;

    FundingService(FundingStore store, Ledger ledger, MarketEventPublisher events, EscrowProperties properties,
            Clock clock, IdGenerator ids) {
        this.store = store;
        this.ledger = ledger;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.ids = ids;
    }

    /** Holds every replica at the maximum price for the whole duration, or says why it cannot. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void placeHold(JobPosted posted) {
        if (store.findJobHold(posted.jobId()).isPresent()) {
            return;
        }
        BigInteger required = LeasePricing.hold(posted.maxPricePerHour(), posted.durationSeconds(), posted.replicas());
        AccountRef available = AccountRef.available(posted.consumer());
        if (required.signum() == 0) {
            reject(posted, NOTHING_TO_HOLD, required, ledger.balanceOf(available));
            return;
        }
        try {
            ledger.apply(TransferRequest.move("hold:" + posted.jobId(), TransferKind.HOLD, posted.jobId(), null,
                    available, AccountRef.held(posted.jobId()), required));
        } catch (InsufficientFundsException refused) {
            reject(posted, INSUFFICIENT_FUNDS, required, refused.available());
            return;
        }
        store.insert(JobHold.placed(posted.jobId(), posted.consumer(), required, clock.instant()));
        events.publish(new FundsHeld(posted.jobId(), posted.consumer(), required));
    }

    /** The job's auction ended without a lease: the whole hold goes back to the consumer. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void releaseHold(JobExpired expired) {
        JobHold hold = store.lockJobHold(expired.jobId())
                .orElseThrow(() -> new IllegalFundingMoveException("job " + expired.jobId() + " expired but escrow never saw it posted"));
        if (!hold.expire()) {
            return;
        }
        returnRestOfHold(hold, "hold-release:", TransferKind.HOLD_RELEASE);
        store.update(hold);
    }

    /** Turns part of the hold into the lease's escrow; after the award's last lease, returns the rest of the hold. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void fundLease(LeaseAwarded awarded) {
        JobHold hold = store.lockJobHold(awarded.jobId())
                .orElseThrow(() -> new IllegalFundingMoveException("lease " + awarded.leaseId() + " awarded for job "
                        + awarded.jobId() + " that escrow never saw posted"));
        BigInteger escrow = LeasePricing.cost(awarded.pricePerHour(), awarded.durationSeconds());
        LeaseEscrow lease = hold.fundLease(awarded.leaseId(), awarded.consumer(), awarded.provider(), escrow,
                awarded.leasesInAward(), clock.instant());
        ledger.apply(TransferRequest.move("lease-funding:" + lease.leaseId(), TransferKind.LEASE_FUNDING,
                hold.jobId(), lease.leaseId(), AccountRef.held(hold.jobId()), AccountRef.leaseEscrow(lease.leaseId()),
                escrow));
        store.insert(lease);
        if (hold.awardFullyFunded()) {
            returnRestOfHold(hold, "hold-excess:", TransferKind.HOLD_EXCESS_RETURN);
        }
        store.update(hold);
        events.publish(new LeaseFunded(lease.leaseId(), lease.jobId(), lease.provider(), escrow));
    }

    /** Pays the provider the lease's escrow less the protocol fee, which the protocol keeps. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void payProvider(WorkVerified verified) {
        LeaseEscrow lease = lockLease(verified.leaseId());
        Settlement settlement = lease.pay(verified.provider(), properties.fees().protocolFeeBps(), ids.generateId(),
                clock.instant());
        List<Posting> postings = new ArrayList<>();
        postings.add(Posting.debit(AccountRef.leaseEscrow(lease.leaseId()), lease.amount()));
        if (settlement.providerPayout().signum() > 0) {
            postings.add(Posting.credit(AccountRef.available(lease.provider()), settlement.providerPayout()));
        }
        if (settlement.protocolFee().signum() > 0) {
            postings.add(Posting.credit(AccountRef.protocolFees(), settlement.protocolFee()));
        }
        ledger.apply(new TransferRequest("settlement:" + lease.leaseId(), TransferKind.SETTLEMENT_PAYOUT,
                lease.jobId(), lease.leaseId(), postings));
        record(lease, settlement);
    }

    /** Returns the whole lease escrow to the consumer. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refundConsumer(WorkRejected rejected) {
        LeaseEscrow lease = lockLease(rejected.leaseId());
        Settlement settlement = lease.refund(rejected.provider(), ids.generateId(), clock.instant());
        ledger.apply(TransferRequest.move("settlement:" + lease.leaseId(), TransferKind.SETTLEMENT_REFUND,
                lease.jobId(), lease.leaseId(), AccountRef.leaseEscrow(lease.leaseId()),
                AccountRef.available(lease.consumer()), lease.amount()));
        record(lease, settlement);
    }

    private void reject(JobPosted posted, String reason, BigInteger required, BigInteger available) {
        store.insert(JobHold.rejected(posted.jobId(), posted.consumer(), required, clock.instant()));
        events.publish(new FundsHoldRejected(posted.jobId(), posted.consumer(), reason, required, available));
    }

    private void returnRestOfHold(JobHold hold, String keyPrefix, TransferKind kind) {
        AccountRef held = AccountRef.held(hold.jobId());
        BigInteger rest = ledger.balanceOf(held);
        if (rest.signum() > 0) {
            ledger.apply(TransferRequest.move(keyPrefix + hold.jobId(), kind, hold.jobId(), null, held,
                    AccountRef.available(hold.consumer()), rest));
        }
    }

    private LeaseEscrow lockLease(UUID leaseId) {
        return store.lockLease(leaseId)
                .orElseThrow(() -> new IllegalFundingMoveException("verdict on lease " + leaseId
                        + " that escrow never funded"));
    }

    private void record(LeaseEscrow lease, Settlement settlement) {
        store.update(lease);
        store.insert(settlement);
        events.publish(new SettlementRecorded(settlement.settlementId(), lease.leaseId(), lease.jobId(),
                lease.consumer(), lease.provider(), settlement.outcome(), settlement.providerPayout(),
                settlement.protocolFee(), settlement.consumerRefund(), settlement.recordedAt()));
    }
}
