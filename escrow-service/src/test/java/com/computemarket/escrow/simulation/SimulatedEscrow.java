package com.computemarket.escrow.simulation;

import com.computemarket.escrow.ChainProperties;
import com.computemarket.escrow.EscrowProperties;
import com.computemarket.escrow.MarketEventPublisher;
import com.computemarket.escrow.UndoLog;
import com.computemarket.escrow.accounts.application.AccountsWiring;
import com.computemarket.escrow.accounts.application.DepositReversalService;
import com.computemarket.escrow.accounts.application.DepositService;
import com.computemarket.escrow.accounts.application.InMemoryDepositReversalStore;
import com.computemarket.escrow.accounts.application.InMemoryStakeStore;
import com.computemarket.escrow.accounts.application.StakeService;
import com.computemarket.escrow.funding.application.FundingService;
import com.computemarket.escrow.funding.application.FundingWiring;
import com.computemarket.escrow.funding.application.InMemoryFundingStore;
import com.computemarket.escrow.funding.application.LeaseFundingProperties;
import com.computemarket.escrow.funding.application.LeaseMeter;
import com.computemarket.escrow.funding.model.LeaseStatus;
import com.computemarket.escrow.ledger.application.InMemoryLedgerStore;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.application.LedgerInvariants;
import com.computemarket.escrow.ledger.application.LedgerWiring;
import com.computemarket.escrow.stake.application.CollateralService;
import com.computemarket.escrow.stake.application.InMemoryStakeLifecycleStore;
import com.computemarket.escrow.stake.application.StakeProperties;
import com.computemarket.escrow.stake.application.StakeWiring;
import com.computemarket.escrow.stake.application.UnbondingService;
import com.computemarket.escrow.withdrawals.application.InMemoryWithdrawalStore;
import com.computemarket.escrow.withdrawals.application.WithdrawalService;
import com.computemarket.escrow.withdrawals.application.WithdrawalsWiring;
import com.computemarket.events.DepositConfirmed;
import com.computemarket.events.DepositReversed;
import com.computemarket.events.JobExpired;
import com.computemarket.events.JobPosted;
import com.computemarket.events.JobRelisted;
import com.computemarket.events.LeaseAwarded;
import com.computemarket.events.LeaseClosed;
import com.computemarket.events.LeaseDowntimeRecorded;
import com.computemarket.events.MarketEvent;
import com.computemarket.events.WithdrawalExecuted;
import com.computemarket.events.WithdrawalFailed;
import com.computemarket.events.WorkRejected;
import com.computemarket.events.WorkVerified;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.util.IdGenerator;

/**
 * One escrow-service instance for the simulation: the real application services and domain objects over in-memory
 * tables, an inbox per consumer name that handles each event id once, and an outbox the rest of the simulated market
 * reads. Each event and each REST call runs as one unit of work that commits or leaves nothing behind, as in the
 * real service. The two consumer groups (funding, deposits and withdrawals under {@code escrow-service}; collateral
 * under {@code escrow-service-stake}) receive the same lease and verdict events independently, each at its own pace.
 */
final class SimulatedEscrow {

    private final UndoLog undoLog;
    private final InMemoryLedgerStore ledgerStore;
    private final InMemoryFundingStore fundingStore;
    private final InMemoryStakeStore stakeStore;
    private final InMemoryStakeLifecycleStore stakeLifecycleStore;
    private final InMemoryWithdrawalStore withdrawalStore;
    private final InMemoryDepositReversalStore reversalStore;
    /** The inbox's {@code processed_event} rows, by consumer name. */
    private final Map<Listener, Set<UUID>> processedEvents;
    private final List<MarketEvent> outbox;
    private final Clock clock;
    private final IdGenerator ids;
    private final EscrowProperties properties;
    private final LeaseFundingProperties leaseFunding;
    private final StakeProperties stakeProperties;
    private final ChainProperties chain;
    private final MeterRegistry meters;

    final Ledger ledger;
    final FundingService funding;
    final LeaseMeter leaseMeter;
    final DepositService deposits;
    final DepositReversalService reversals;
    final StakeService stakes;
    final CollateralService collateral;
    final UnbondingService unbondings;
    final WithdrawalService withdrawals;
    final LedgerInvariants invariants;

    private SimulatedEscrow(UndoLog undoLog, InMemoryLedgerStore ledgerStore, InMemoryFundingStore fundingStore,
            InMemoryStakeStore stakeStore, InMemoryStakeLifecycleStore stakeLifecycleStore,
            InMemoryWithdrawalStore withdrawalStore, InMemoryDepositReversalStore reversalStore,
            Map<Listener, Set<UUID>> processedEvents, List<MarketEvent> outbox, Clock clock, IdGenerator ids,
            EscrowProperties properties, LeaseFundingProperties leaseFunding, StakeProperties stakeProperties,
            ChainProperties chain, MeterRegistry meters) {
        this.undoLog = undoLog;
        this.ledgerStore = ledgerStore;
        this.fundingStore = fundingStore;
        this.stakeStore = stakeStore;
        this.stakeLifecycleStore = stakeLifecycleStore;
        this.withdrawalStore = withdrawalStore;
        this.reversalStore = reversalStore;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.clock = clock;
        this.ids = ids;
        this.properties = properties;
        this.leaseFunding = leaseFunding;
        this.stakeProperties = stakeProperties;
        this.chain = chain;
        this.meters = meters;
        MarketEventPublisher publisher = event -> {
            outbox.add(event);
            undoLog.recordUndo(outbox::removeLast);
        };
        ledger = LedgerWiring.ledger(ledgerStore, clock, ids);
        leaseMeter = FundingWiring.leaseMeter(fundingStore, ledger, publisher, properties, leaseFunding, ids);
        funding = FundingWiring.fundingService(fundingStore, ledger, publisher, properties, leaseFunding, leaseMeter,
                clock, ids);
        deposits = AccountsWiring.depositService(ledger, reversalStore);
        reversals = AccountsWiring.depositReversalService(ledger, reversalStore, clock, meters);
        stakes = AccountsWiring.stakeService(ledger, stakeStore, publisher, clock, ids);
        collateral = StakeWiring.collateralService(ledger, stakeLifecycleStore, publisher, stakeProperties,
                leaseId -> fundingStore.lockLease(leaseId).map(lease -> lease.status() == LeaseStatus.LAPSED
                        || lease.status() == LeaseStatus.CANCELLED).orElse(false), clock);
        unbondings = StakeWiring.unbondingService(ledger, stakeLifecycleStore, publisher, stakeProperties, clock, ids);
        withdrawals = WithdrawalsWiring.withdrawalService(ledger, AccountsWiring.debts(ledger), withdrawalStore,
                publisher, chain, clock, ids);
        invariants = LedgerWiring.invariants(ledgerStore, clock, meters);
    }

    static SimulatedEscrow start(List<MarketEvent> outbox, Clock clock, IdGenerator ids, EscrowProperties properties,
            LeaseFundingProperties leaseFunding, StakeProperties stakeProperties, ChainProperties chain,
            MeterRegistry meters) {
        UndoLog undoLog = new UndoLog();
        InMemoryLedgerStore ledgerStore = new InMemoryLedgerStore(undoLog);
        Map<Listener, Set<UUID>> processedEvents = new EnumMap<>(Listener.class);
        for (Listener listener : Listener.values()) {
            processedEvents.put(listener, new HashSet<>());
        }
        return new SimulatedEscrow(undoLog, ledgerStore, new InMemoryFundingStore(undoLog, ledgerStore),
                new InMemoryStakeStore(undoLog), new InMemoryStakeLifecycleStore(undoLog),
                new InMemoryWithdrawalStore(undoLog), new InMemoryDepositReversalStore(undoLog), processedEvents,
                outbox, clock, ids, properties, leaseFunding, stakeProperties, chain, meters);
    }

    /**
     * The service after a restart: new application services over what the tables hold, with every figure kept in
     * memory (the ledger store's running audit figures, aggregates handed out before) dropped and recomputed.
     */
    SimulatedEscrow restart() {
        UndoLog newUndoLog = new UndoLog();
        InMemoryLedgerStore reopenedLedger = ledgerStore.reopen(newUndoLog);
        Map<Listener, Set<UUID>> reopenedInboxes = new EnumMap<>(Listener.class);
        processedEvents.forEach((listener, processed) -> reopenedInboxes.put(listener, new HashSet<>(processed)));
        return new SimulatedEscrow(newUndoLog, reopenedLedger, fundingStore.reopen(newUndoLog, reopenedLedger),
                stakeStore.reopen(newUndoLog), stakeLifecycleStore.reopen(newUndoLog),
                withdrawalStore.reopen(newUndoLog), reversalStore.reopen(newUndoLog), reopenedInboxes, outbox, clock,
                ids, properties, leaseFunding, stakeProperties, chain, new SimpleMeterRegistry());
    }

    /**
     * Handles an event as the listener of {@code listener}'s consumer group does: once per event id, the inbox row
     * and the effect in one unit, dispatched exactly as the Kafka listeners dispatch it.
     *
     * @return false if the event id was handled before (a redelivery, which changes nothing)
     * @throws RuntimeException if the effect failed; nothing was written and the broker would redeliver it
     */
    boolean handleOnce(Listener listener, UUID eventId, MarketEvent event) {
        Set<UUID> processed = processedEvents.get(listener);
        if (processed.contains(eventId)) {
            return false;
        }
        undoLog.inUnitOfWork(() -> {
            processed.add(eventId);
            undoLog.recordUndo(() -> processed.remove(eventId));
            switch (listener) {
                case ESCROW -> handleAsEscrow(event);
                case STAKE -> handleAsStake(eventId, event);
            }
        });
        return true;
    }

    /** DepositEventsListener, FundingEventsListener and WithdrawalEventsListener (consumer escrow-service). */
    private void handleAsEscrow(MarketEvent event) {
        switch (event) {
            case DepositConfirmed deposit -> deposits.credit(deposit);
            case DepositReversed reversed -> reversals.reverse(reversed);
            case JobPosted posted -> funding.placeHold(posted);
            case JobRelisted relisted -> funding.placeHold(relisted);
            case JobExpired expired -> funding.releaseHold(expired);
            case LeaseAwarded awarded -> funding.fundLease(awarded);
            case LeaseDowntimeRecorded downtime -> funding.refundDowntime(downtime);
            case LeaseClosed closed -> funding.settleLost(closed);
            case WorkVerified verified -> funding.payProvider(verified);
            case WorkRejected rejected -> funding.refundConsumer(rejected);
            case WithdrawalExecuted executed -> withdrawals.confirmExecuted(executed);
            case WithdrawalFailed failed -> withdrawals.compensate(failed);
            default -> throw new IllegalArgumentException("the simulation does not send " + event);
        }
    }

    /** StakeEventsListener (consumer escrow-service-stake). */
    private void handleAsStake(UUID eventId, MarketEvent event) {
        switch (event) {
            case LeaseAwarded awarded -> collateral.lockFor(awarded);
            case LeaseClosed closed -> collateral.settleOnClose(closed, eventId);
            case WorkVerified verified -> collateral.releaseFor(verified);
            case WorkRejected rejected -> collateral.slashFor(rejected, eventId);
            default -> throw new IllegalArgumentException("the stake listener is not sent " + event);
        }
    }

    /**
     * One metering pass at {@code now}, as the schedule runs it: each lease due in its own unit of work.
     *
     * @return how many leases were metered
     */
    int meterDueLeases(Instant now) {
        List<UUID> due = fundingStore.leasesToMeter(now, null, Integer.MAX_VALUE);
        due.forEach(leaseId -> undoLog.inUnitOfWork(() -> leaseMeter.meter(leaseId, now)));
        return due.size();
    }

    /** One pass of the unbonding schedule at {@code now}; returns how many unbondings it released. */
    int releaseWithdrawableUnbondings(Instant now) {
        return undoLog.inUnitOfWork(() -> unbondings.releaseWithdrawable(now));
    }

    /** Runs a REST call's transaction. */
    <T> T inTransaction(Supplier<T> call) {
        return undoLog.inUnitOfWork(call);
    }

    MeterRegistry meters() {
        return meters;
    }

    InMemoryLedgerStore ledgerStore() {
        return ledgerStore;
    }

    InMemoryFundingStore fundingStore() {
        return fundingStore;
    }

    InMemoryStakeLifecycleStore stakeLifecycleStore() {
        return stakeLifecycleStore;
    }

    /** The consumer groups of escrow-service's listeners. */
    enum Listener {
        /** {@code escrow-service}: deposits, funding and withdrawals. */
        ESCROW,
        /** {@code escrow-service-stake}: provider collateral, reading the lease and verdict topics on its own. */
        STAKE
    }
}
