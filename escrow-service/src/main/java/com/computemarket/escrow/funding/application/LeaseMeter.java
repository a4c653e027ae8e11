package com.computemarket.escrow.funding.application;

import com.computemarket.escrow.EscrowProperties;
import com.computemarket.escrow.MarketEventPublisher;
import com.computemarket.escrow.funding.model.FundingTerms;
import com.computemarket.escrow.funding.model.LeaseBalances;
import com.computemarket.escrow.funding.model.LeaseEscrow;
import com.computemarket.escrow.funding.model.MeterReading;
import com.computemarket.escrow.funding.model.Settlement;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.Posting;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import com.computemarket.events.LeaseFundingLapsed;
import com.computemarket.events.LeasePaused;
import com.computemarket.events.LeaseResumed;
import com.computemarket.events.SettlementRecorded;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.IdGenerator;

/**
 * Meters running leases: tops their escrow up from the consumer's balance, moves what the provider earned since
 * the last metering into the lease's earned account, and pauses, resumes or lapses leases whose consumer cannot
 * keep them funded. Also settles a lease's money, for verdicts and lapses alike. Every movement has an idempotency
 * key that names the lease and a figure that only grows ({@code accrual:<lease>:<earned after>},
 * {@code lease-top-up:<lease>:<topped up after>}), so a movement is never applied twice.
 */
@Component
public class LeaseMeter {

    private final FundingStore store;
    private final Ledger ledger;
    private final MarketEventPublisher events;
    private final FundingTerms terms;
    private final int feeBps;
    private final IdGenerator ids;

    LeaseMeter(FundingStore store, Ledger ledger, MarketEventPublisher events, LeaseFundingProperties leases,
            EscrowProperties properties, IdGenerator ids) {
        this.store = store;
        this.ledger = ledger;
        this.events = events;
        this.terms = leases.terms();
        this.feeBps = properties.fees().protocolFeeBps();
        this.ids = ids;
    }

    /**
     * Meters one lease up to {@code now}, unless another instance is metering it right now (then it is that
     * instance's to do), it is no longer open, or its job was cancelled: nothing is earned, topped up, paused or
     * lapsed after a cancel, and the lease's close settles it up to the cancel.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void meter(UUID leaseId, Instant now) {
        store.lockLeaseUnlessBusy(leaseId)
                .filter(lease -> lease.status().isOpen())
                .filter(lease -> store.jobCancelledAt(lease.jobId()).isEmpty())
                .ifPresent(lease -> meter(lease, now));
    }

    private void meter(LeaseEscrow lease, Instant now) {
        MeterReading reading = lease.meter(now, balancesOf(lease), terms);
        if (reading.topUp().signum() > 0) {
            ledger.apply(TransferRequest.move("lease-top-up:" + lease.leaseId() + ":" + lease.toppedUp(),
                    TransferKind.LEASE_TOP_UP, lease.jobId(), lease.leaseId(), AccountRef.available(lease.consumer()),
                    AccountRef.leaseEscrow(lease.leaseId()), reading.topUp()));
        }
        if (reading.accrual().signum() > 0) {
            BigInteger earnedAfter = ledger.balanceOf(AccountRef.leaseEarned(lease.leaseId())).add(reading.accrual());
            ledger.apply(TransferRequest.move("accrual:" + lease.leaseId() + ":" + earnedAfter,
                    TransferKind.LEASE_ACCRUAL, lease.jobId(), lease.leaseId(), AccountRef.leaseEscrow(lease.leaseId()),
                    AccountRef.leaseEarned(lease.leaseId()), reading.accrual()));
        }
        switch (reading.transition()) {
            case NONE -> store.update(lease);
            case PAUSED -> {
                store.update(lease);
                events.publish(new LeasePaused(lease.leaseId(), lease.jobId(), lease.consumer(), lease.provider(),
                        reading.shortfall(), lease.pausedAt(), lease.graceEndsAt()));
            }
            case RESUMED -> {
                store.update(lease);
                events.publish(new LeaseResumed(lease.leaseId(), lease.jobId(), lease.consumer(), lease.provider(),
                        now));
            }
            case LAPSED -> {
                Instant pausedAt = lease.pausedAt();
                Settlement settlement = lease.lapse(balancesOf(lease), feeBps, ids.generateId(), now);
                settle(lease, settlement, TransferKind.SETTLEMENT_LAPSE);
                events.publish(new LeaseFundingLapsed(lease.leaseId(), lease.jobId(), lease.consumer(),
                        lease.provider(), pausedAt, now));
            }
        }
    }

    /** The lease's balances, read under its lock. */
    LeaseBalances balancesOf(LeaseEscrow lease) {
        return new LeaseBalances(ledger.balanceOf(AccountRef.leaseEscrow(lease.leaseId())),
                ledger.balanceOf(AccountRef.leaseEarned(lease.leaseId())),
                ledger.balanceOf(AccountRef.available(lease.consumer())));
    }

    /**
     * Empties the lease's escrow and earned accounts as the settlement splits them, records the settlement and
     * announces it.
     */
    void settle(LeaseEscrow lease, Settlement settlement, TransferKind kind) {
        List<Posting> postings = new ArrayList<>();
        debit(postings, AccountRef.leaseEarned(lease.leaseId()), ledger.balanceOf(AccountRef.leaseEarned(lease.leaseId())));
        debit(postings, AccountRef.leaseEscrow(lease.leaseId()), ledger.balanceOf(AccountRef.leaseEscrow(lease.leaseId())));
        credit(postings, AccountRef.available(lease.provider()), settlement.providerPayout());
        credit(postings, AccountRef.protocolFees(), settlement.protocolFee());
        credit(postings, AccountRef.available(lease.consumer()), settlement.consumerRefund());
        if (!postings.isEmpty()) {
            ledger.apply(new TransferRequest("settlement:" + lease.leaseId(), kind, lease.jobId(), lease.leaseId(),
                    postings));
        }
        store.update(lease);
        store.insert(settlement);
        events.publish(new SettlementRecorded(settlement.settlementId(), lease.leaseId(), lease.jobId(),
                lease.consumer(), lease.provider(), settlement.outcome(), settlement.providerPayout(),
                settlement.protocolFee(), settlement.consumerRefund(), settlement.recordedAt()));
    }

    private static void debit(List<Posting> postings, AccountRef account, BigInteger amount) {
        if (amount.signum() > 0) {
            postings.add(Posting.debit(account, amount));
        }
    }

    private static void credit(List<Posting> postings, AccountRef account, BigInteger amount) {
        if (amount.signum() > 0) {
            postings.add(Posting.credit(account, amount));
        }
    }
}
