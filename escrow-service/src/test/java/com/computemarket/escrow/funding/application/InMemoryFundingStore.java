package com.computemarket.escrow.funding.application;

import com.computemarket.escrow.UndoLog;
import com.computemarket.escrow.funding.model.HoldStatus;
import com.computemarket.escrow.funding.model.JobHold;
import com.computemarket.escrow.funding.model.LeaseDowntime;
import com.computemarket.escrow.funding.model.LeaseEscrow;
import com.computemarket.escrow.funding.model.LeaseStatus;
import com.computemarket.escrow.funding.model.Settlement;
import com.computemarket.escrow.ledger.application.LedgerStore;
import com.computemarket.escrow.ledger.model.AccountRef;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;

/**
 * A single-threaded stand-in for the {@code job_hold}, {@code lease_escrow} and {@code settlement} tables. It keeps
 * rows, not the aggregates handed out: every read builds a fresh aggregate, so that a change an application service
 * forgets to save is lost here as it would be in PostgreSQL.
 */
public class InMemoryFundingStore implements FundingStore {

    private final UndoLog undoLog;
    private final LedgerStore ledger;
    private final Map<HoldKey, JobHoldRow> holds = new HashMap<>();
    private final Map<UUID, LeaseRow> leases = new HashMap<>();
    private final Map<UUID, Settlement> settlementsByLease = new HashMap<>();
    private final Map<DowntimeKey, LeaseDowntime> downtime = new HashMap<>();
    private final Map<UUID, Instant> jobCancellations = new HashMap<>();
    /** The partial index the metering pass reads: leases still running or paused. */
    private final NavigableSet<UUID> openLeases = new TreeSet<>();

    public InMemoryFundingStore(UndoLog undoLog, LedgerStore ledger) {
        this.undoLog = undoLog;
        this.ledger = ledger;
    }

    /** A new store holding the same rows, as a restarted service would find them. */
    public InMemoryFundingStore reopen(UndoLog newUndoLog, LedgerStore reopenedLedger) {
        InMemoryFundingStore reopened = new InMemoryFundingStore(newUndoLog, reopenedLedger);
        reopened.holds.putAll(holds);
        reopened.leases.putAll(leases);
        reopened.settlementsByLease.putAll(settlementsByLease);
        reopened.downtime.putAll(downtime);
        reopened.jobCancellations.putAll(jobCancellations);
        reopened.openLeases.addAll(openLeases);
        return reopened;
    }

    @Override
    public Optional<JobHold> findJobHold(UUID jobId, int listing) {
        return Optional.ofNullable(holds.get(new HoldKey(jobId, listing))).map(JobHoldRow::toHold);
    }

    @Override
    public List<JobHold> findJobHolds(UUID jobId) {
        List<JobHold> found = new ArrayList<>();
        for (int listing = JobHold.FIRST_LISTING; holds.containsKey(new HoldKey(jobId, listing)); listing++) {
            found.add(holds.get(new HoldKey(jobId, listing)).toHold());
        }
        return found;
    }

    @Override
    public List<JobHold> lockJobHolds(UUID jobId) {
        return findJobHolds(jobId);
    }

    @Override
    public void insert(JobHold hold) {
        insertRow(holds, new HoldKey(hold.jobId(), hold.listing()), JobHoldRow.of(hold), "job_hold");
    }

    @Override
    public void update(JobHold hold) {
        updateRow(holds, new HoldKey(hold.jobId(), hold.listing()), JobHoldRow.of(hold));
    }

    @Override
    public Optional<LeaseEscrow> lockLease(UUID leaseId) {
        return Optional.ofNullable(leases.get(leaseId)).map(LeaseRow::toLease);
    }

    @Override
    public Optional<LeaseEscrow> lockLeaseUnlessBusy(UUID leaseId) {
        return lockLease(leaseId);
    }

    @Override
    public List<UUID> leasesToMeter(Instant now, UUID afterLeaseId, int limit) {
        return (afterLeaseId == null ? openLeases : openLeases.tailSet(afterLeaseId, false)).stream()
                .map(leases::get)
                .filter(row -> row.status() == LeaseStatus.PAUSED
                        || row.meteredUntil().isBefore(now.isBefore(row.endsAt()) ? now : row.endsAt()))
                .filter(row -> !jobCancellations.containsKey(row.jobId()))
                .map(LeaseRow::leaseId)
                .limit(limit)
                .toList();
    }

    @Override
    public List<LeaseEscrow> leasesOfJob(UUID jobId) {
        return leases.values().stream().filter(row -> row.jobId().equals(jobId))
                .sorted(Comparator.comparing(LeaseRow::fundedAt).thenComparing(LeaseRow::leaseId))
                .map(LeaseRow::toLease)
                .toList();
    }

    @Override
    public boolean downtimeRecorded(UUID leaseId, Instant startedAt) {
        return downtime.containsKey(new DowntimeKey(leaseId, startedAt));
    }

    @Override
    public void recordJobCancelled(UUID jobId, Instant cancelledAt, Instant recordedAt) {
        if (!jobCancellations.containsKey(jobId)) {
            insertRow(jobCancellations, jobId, cancelledAt, "job_cancellation");
        }
    }

    @Override
    public Optional<Instant> jobCancelledAt(UUID jobId) {
        return Optional.ofNullable(jobCancellations.get(jobId));
    }

    @Override
    public void insert(LeaseDowntime stretch) {
        insertRow(downtime, new DowntimeKey(stretch.leaseId(), stretch.startedAt()), stretch, "lease_downtime");
    }

    @Override
    public List<LeaseDowntime> downtimeOfJob(UUID jobId) {
        return downtime.values().stream().filter(stretch -> leases.get(stretch.leaseId()).jobId().equals(jobId))
                .sorted(Comparator.comparing(LeaseDowntime::startedAt).thenComparing(LeaseDowntime::leaseId))
                .toList();
    }

    @Override
    public void insert(LeaseEscrow lease) {
        if (!holds.containsKey(new HoldKey(lease.jobId(), lease.listing()))) {
            throw new IllegalStateException("lease_escrow references unknown job_hold " + lease.jobId() + " listing "
                    + lease.listing());
        }
        insertRow(leases, lease.leaseId(), LeaseRow.of(lease), "lease_escrow");
        indexOpen(lease);
    }

    @Override
    public void update(LeaseEscrow lease) {
        updateRow(leases, lease.leaseId(), LeaseRow.of(lease));
        indexOpen(lease);
    }

    private void indexOpen(LeaseEscrow lease) {
        UUID leaseId = lease.leaseId();
        if (lease.status().isOpen() && openLeases.add(leaseId)) {
            undoLog.recordUndo(() -> openLeases.remove(leaseId));
        } else if (!lease.status().isOpen() && openLeases.remove(leaseId)) {
            undoLog.recordUndo(() -> openLeases.add(leaseId));
        }
    }

    @Override
    public void insert(Settlement settlement) {
        insertRow(settlementsByLease, settlement.leaseId(), settlement, "settlement");
    }

    @Override
    public List<Settlement> settlementsOfJob(UUID jobId) {
        return settlementsByLease.values().stream()
                .filter(settlement -> leases.get(settlement.leaseId()).jobId().equals(jobId))
                .sorted(Comparator.comparing(Settlement::recordedAt).thenComparing(Settlement::settlementId))
                .toList();
    }

    @Override
    public BigInteger totalHeldFor(String consumer) {
        return sum(holds.values().stream().filter(row -> row.consumer().equals(consumer)).toList(),
                row -> ledger.balanceOf(row.toHold().heldAccount()));
    }

    @Override
    public BigInteger totalLeaseEscrowFor(String consumer) {
        return sum(leases.values().stream().filter(row -> row.consumer().equals(consumer)).toList(),
                row -> ledger.balanceOf(AccountRef.leaseEscrow(row.leaseId()))
                        .add(ledger.balanceOf(AccountRef.leaseEarned(row.leaseId()))));
    }

    @Override
    public BigInteger totalEarnedUnsettledFor(String provider) {
        return sum(leases.values().stream().filter(row -> row.provider().equals(provider)).toList(),
                row -> ledger.balanceOf(AccountRef.leaseEarned(row.leaseId())));
    }

    /** The lease's status as stored, if escrow funded it. */
    public Optional<LeaseStatus> leaseStatus(UUID leaseId) {
        return Optional.ofNullable(leases.get(leaseId)).map(LeaseRow::status);
    }

    private <K, V> void insertRow(Map<K, V> table, K key, V row, String tableName) {
        if (table.putIfAbsent(key, row) != null) {
            throw new DuplicateKeyException(tableName + " " + key);
        }
        undoLog.recordUndo(() -> table.remove(key));
    }

    private <K, V> void updateRow(Map<K, V> table, K key, V row) {
        V before = table.replace(key, row);
        if (before != null) {
            undoLog.recordUndo(() -> table.put(key, before));
        }
    }

    private static <T> BigInteger sum(List<T> rows, Function<T, BigInteger> amount) {
        return rows.stream().map(amount).reduce(BigInteger.ZERO, BigInteger::add);
    }

    private record HoldKey(UUID jobId, int listing) {
    }

    private record DowntimeKey(UUID leaseId, Instant startedAt) {
    }

    private record JobHoldRow(UUID jobId, int listing, String consumer, BigInteger amount, Instant createdAt,
            HoldStatus status, Integer leasesInAward, int leasesFunded) {

        static JobHoldRow of(JobHold hold) {
            return new JobHoldRow(hold.jobId(), hold.listing(), hold.consumer(), hold.amount(), hold.createdAt(),
                    hold.status(), hold.leasesInAward(), hold.leasesFunded());
        }

        JobHold toHold() {
            return new JobHold(jobId, listing, consumer, amount, createdAt, status, leasesInAward, leasesFunded);
        }
    }

    private record LeaseRow(UUID leaseId, UUID jobId, int listing, String consumer, String provider,
            BigInteger pricePerHour, BigInteger amount, Instant fundedAt, Instant startsAt, Instant endsAt,
            LeaseStatus status, Instant meteredUntil, long billableSeconds, long downtimeSeconds, BigInteger toppedUp,
            Instant pausedAt, Instant graceEndsAt) {

        static LeaseRow of(LeaseEscrow lease) {
            return new LeaseRow(lease.leaseId(), lease.jobId(), lease.listing(), lease.consumer(), lease.provider(),
                    lease.pricePerHour(), lease.amount(), lease.fundedAt(), lease.startsAt(), lease.endsAt(),
                    lease.status(), lease.meteredUntil(), lease.billableSeconds(), lease.downtimeSeconds(),
                    lease.toppedUp(), lease.pausedAt(), lease.graceEndsAt());
        }

        LeaseEscrow toLease() {
            return new LeaseEscrow(leaseId, jobId, listing, consumer, provider, pricePerHour, amount, fundedAt,
                    startsAt, endsAt, status, meteredUntil, billableSeconds, downtimeSeconds, toppedUp, pausedAt,
                    graceEndsAt);
        }
    }
}
