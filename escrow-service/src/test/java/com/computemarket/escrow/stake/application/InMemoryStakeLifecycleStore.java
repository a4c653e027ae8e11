package com.computemarket.escrow.stake.application;

import com.computemarket.escrow.UndoLog;
import com.computemarket.escrow.stake.model.LeaseCollateral;
import com.computemarket.escrow.stake.model.SlashRecord;
import com.computemarket.escrow.stake.model.Unbonding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;

/**
 * A single-threaded stand-in for the {@code stake_unbonding}, {@code lease_collateral} and {@code stake_slash}
 * tables. Collateral is mutable, so it is handed out and stored as copies: a change made by a unit of work that
 * then fails never reaches the table, as with a rolled-back row.
 */
public class InMemoryStakeLifecycleStore implements StakeLifecycleStore {

    private final UndoLog undoLog;
    private final Map<UUID, Unbonding> unbondings = new LinkedHashMap<>();
    private final Map<UUID, LeaseCollateral> collateral = new HashMap<>();
    private final List<SlashRecord> slashes = new ArrayList<>();

    public InMemoryStakeLifecycleStore(UndoLog undoLog) {
        this.undoLog = undoLog;
    }

    /** A new store holding the same rows, as a restarted service would find them. */
    public InMemoryStakeLifecycleStore reopen(UndoLog newUndoLog) {
        InMemoryStakeLifecycleStore reopened = new InMemoryStakeLifecycleStore(newUndoLog);
        reopened.unbondings.putAll(unbondings);
        reopened.collateral.putAll(collateral);
        reopened.slashes.addAll(slashes);
        return reopened;
    }

    @Override
    public void insert(Unbonding unbonding) {
        insertRow(unbondings, unbonding.transferId(), unbonding, "stake_unbonding");
    }

    @Override
    public Optional<Unbonding> findUnbonding(UUID transferId) {
        return Optional.ofNullable(unbondings.get(transferId));
    }

    @Override
    public List<Unbonding> lockWithdrawableUnbondings(Instant now, int limit) {
        return unbondings.values().stream()
                .filter(unbonding -> !unbonding.released() && !unbonding.withdrawableAt().isAfter(now))
                .sorted(Comparator.comparing(Unbonding::withdrawableAt))
                .limit(limit)
                .toList();
    }

    @Override
    public void markReleased(UUID transferId, Instant releasedAt) {
        Unbonding before = unbondings.get(transferId);
        unbondings.put(transferId, new Unbonding(before.transferId(), before.provider(), before.amount(),
                before.totalBonded(), before.requestedAt(), before.withdrawableAt(), releasedAt));
        undoLog.recordUndo(() -> unbondings.put(transferId, before));
    }

    @Override
    public List<Unbonding> unbondingsOf(String provider, int limit) {
        return unbondings.values().stream().filter(unbonding -> unbonding.provider().equals(provider))
                .sorted(Comparator.comparing(Unbonding::requestedAt).reversed()).limit(limit).toList();
    }

    @Override
    public void insert(LeaseCollateral lock) {
        insertRow(collateral, lock.leaseId(), copy(lock), "lease_collateral");
    }

    @Override
    public Optional<LeaseCollateral> lockCollateral(UUID leaseId) {
        return Optional.ofNullable(collateral.get(leaseId)).map(InMemoryStakeLifecycleStore::copy);
    }

    @Override
    public void update(LeaseCollateral lock) {
        LeaseCollateral before = collateral.replace(lock.leaseId(), copy(lock));
        if (before == null) {
            throw new IllegalStateException("no lease_collateral row for lease " + lock.leaseId());
        }
        undoLog.recordUndo(() -> collateral.put(lock.leaseId(), before));
    }

    @Override
    public void insert(SlashRecord slash) {
        slashes.add(slash);
        undoLog.recordUndo(slashes::removeLast);
    }

    @Override
    public List<SlashRecord> slashesOf(String provider, int limit) {
        return slashes.reversed().stream().filter(slash -> slash.provider().equals(provider)).limit(limit).toList();
    }

    /** Every slash recorded, oldest first. */
    public List<SlashRecord> slashes() {
        return List.copyOf(slashes);
    }

    private <K, V> void insertRow(Map<K, V> table, K key, V row, String tableName) {
        if (table.putIfAbsent(key, row) != null) {
            throw new DuplicateKeyException(tableName + " " + key);
        }
        undoLog.recordUndo(() -> table.remove(key));
    }

    private static LeaseCollateral copy(LeaseCollateral lock) {
        return new LeaseCollateral(lock.leaseId(), lock.jobId(), lock.provider(), lock.consumer(), lock.leaseValue(),
                lock.required(), lock.locked(), lock.slashed(), lock.status(), lock.lockedAt(), lock.releasedAt(),
                lock.releaseReason());
    }
}
