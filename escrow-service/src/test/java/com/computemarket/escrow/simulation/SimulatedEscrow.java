package com.computemarket.escrow.simulation;

import com.computemarket.escrow.EscrowProperties;
import com.computemarket.escrow.MarketEventPublisher;
import com.computemarket.escrow.UndoLog;
import com.computemarket.escrow.accounts.application.AccountsWiring;
import com.computemarket.escrow.accounts.application.DepositService;
import com.computemarket.escrow.accounts.application.InMemoryStakeStore;
import com.computemarket.escrow.accounts.application.StakeService;
import com.computemarket.escrow.funding.application.FundingService;
import com.computemarket.escrow.funding.application.FundingWiring;
import com.computemarket.escrow.funding.application.InMemoryFundingStore;
import com.computemarket.escrow.funding.application.LeaseFundingProperties;
import com.computemarket.escrow.funding.application.LeaseMeter;
import com.computemarket.escrow.ledger.application.InMemoryLedgerStore;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.application.LedgerInvariants;
import com.computemarket.escrow.ledger.application.LedgerWiring;
import com.computemarket.events.DepositConfirmed;
import com.computemarket.events.JobExpired;
import com.computemarket.events.JobPosted;
import com.computemarket.events.LeaseAwarded;
import com.computemarket.events.LeaseDowntimeRecorded;
import com.computemarket.events.MarketEvent;
import com.computemarket.events.WorkRejected;
import com.computemarket.events.WorkVerified;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.util.IdGenerator;

/**
 * One escrow-service instance for the simulation: the real application services and domain objects over in-memory
 * tables, an inbox that handles each event id once, and an outbox the rest of the simulated market reads. Each
 * event and each REST call runs as one unit of work that commits or leaves nothing behind, as in the real service.
 */
final class SimulatedEscrow {

    private final UndoLog undoLog;
    private final InMemoryLedgerStore ledgerStore;
    private final InMemoryFundingStore fundingStore;
    private final InMemoryStakeStore stakeStore;
    /** The inbox's {@code processed_event} rows. */
    private final Set<UUID> processedEvents;
    private final List<MarketEvent> outbox;
    private final Clock clock;
    private final IdGenerator ids;
    private final EscrowProperties properties;
    private final LeaseFundingProperties leaseFunding;
    private final MeterRegistry meters;

    final Ledger ledger;
    final FundingService funding;
    final LeaseMeter leaseMeter;
    final DepositService deposits;
    final StakeService stakes;
    final LedgerInvariants invariants;

    private SimulatedEscrow(UndoLog undoLog, InMemoryLedgerStore ledgerStore, InMemoryFundingStore fundingStore,
            InMemoryStakeStore stakeStore, Set<UUID> processedEvents, List<MarketEvent> outbox, Clock clock,
            IdGenerator ids, EscrowProperties properties, LeaseFundingProperties leaseFunding, MeterRegistry meters) {
        this.undoLog = undoLog;
        this.ledgerStore = ledgerStore;
        this.fundingStore = fundingStore;
        this.stakeStore = stakeStore;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.clock = clock;
        this.ids = ids;
        this.properties = properties;
        this.leaseFunding = leaseFunding;
        this.meters = meters;
        MarketEventPublisher publisher = event -> {
            outbox.add(event);
            undoLog.recordUndo(outbox::removeLast);
        };
        ledger = LedgerWiring.ledger(ledgerStore, clock, ids);
        leaseMeter = FundingWiring.leaseMeter(fundingStore, ledger, publisher, properties, leaseFunding, ids);
        funding = FundingWiring.fundingService(fundingStore, ledger, publisher, properties, leaseFunding, leaseMeter,
                clock, ids);
        deposits = AccountsWiring.depositService(ledger);
        stakes = AccountsWiring.stakeService(ledger, stakeStore, publisher, clock, ids);
        invariants = LedgerWiring.invariants(ledgerStore, clock, meters);
    }

    static SimulatedEscrow start(List<MarketEvent> outbox, Clock clock, IdGenerator ids, EscrowProperties properties,
            LeaseFundingProperties leaseFunding, MeterRegistry meters) {
        UndoLog undoLog = new UndoLog();
        InMemoryLedgerStore ledgerStore = new InMemoryLedgerStore(undoLog);
        return new SimulatedEscrow(undoLog, ledgerStore, new InMemoryFundingStore(undoLog, ledgerStore),
                new InMemoryStakeStore(undoLog), new HashSet<>(), outbox, clock, ids, properties, leaseFunding,
                meters);
    }

    /**
     * The service after a restart: new application services over what the tables hold, with every figure kept in
     * memory (the ledger store's running audit figures, aggregates handed out before) dropped and recomputed.
     */
    SimulatedEscrow restart() {
        UndoLog newUndoLog = new UndoLog();
        InMemoryLedgerStore reopenedLedger = ledgerStore.reopen(newUndoLog);
        return new SimulatedEscrow(newUndoLog, reopenedLedger, fundingStore.reopen(newUndoLog, reopenedLedger),
                stakeStore.reopen(newUndoLog), new HashSet<>(processedEvents), outbox, clock, ids, properties,
                leaseFunding, new SimpleMeterRegistry());
    }

    /**
     * Handles an event as the Kafka listeners do: once per event id, the inbox row and the effect in one unit.
     *
     * @return false if the event id was handled before (a redelivery, which changes nothing)
     * @throws RuntimeException if the effect failed; nothing was written and the broker would redeliver it
     */
    boolean handleOnce(UUID eventId, MarketEvent event) {
        if (processedEvents.contains(eventId)) {
            return false;
        }
        undoLog.inUnitOfWork(() -> {
            processedEvents.add(eventId);
            undoLog.recordUndo(() -> processedEvents.remove(eventId));
            switch (event) {
                case DepositConfirmed deposit -> deposits.credit(deposit);
                case JobPosted posted -> funding.placeHold(posted);
                case JobExpired expired -> funding.releaseHold(expired);
                case LeaseAwarded awarded -> funding.fundLease(awarded);
                case LeaseDowntimeRecorded downtime -> funding.refundDowntime(downtime);
                case WorkVerified verified -> funding.payProvider(verified);
                case WorkRejected rejected -> funding.refundConsumer(rejected);
                default -> throw new IllegalArgumentException("the simulation does not send " + event);
            }
        });
        return true;
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
}
