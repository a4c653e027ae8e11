package com.computemarket.escrow.withdrawals.application;

import com.computemarket.escrow.UndoLog;
import com.computemarket.escrow.withdrawals.model.Withdrawal;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;

/** A single-threaded stand-in for the {@code withdrawal} table, with its unique (owner, nonce) and (owner, key). */
public class InMemoryWithdrawalStore implements WithdrawalStore {

    private final UndoLog undoLog;
    private final Map<UUID, Withdrawal> withdrawals = new HashMap<>();
    private final Map<OwnerKey, UUID> byIdempotencyKey = new HashMap<>();
    private final Set<OwnerNonce> usedNonces = new HashSet<>();

    public InMemoryWithdrawalStore(UndoLog undoLog) {
        this.undoLog = undoLog;
    }

    /** A new store holding the same rows, as a restarted service would find them. */
    public InMemoryWithdrawalStore reopen(UndoLog newUndoLog) {
        InMemoryWithdrawalStore reopened = new InMemoryWithdrawalStore(newUndoLog);
        reopened.withdrawals.putAll(withdrawals);
        reopened.byIdempotencyKey.putAll(byIdempotencyKey);
        reopened.usedNonces.addAll(usedNonces);
        return reopened;
    }

    @Override
    public void insert(Withdrawal withdrawal) {
        OwnerNonce nonce = new OwnerNonce(withdrawal.owner(), withdrawal.signed().nonce());
        OwnerKey key = withdrawal.idempotencyKey() == null ? null
                : new OwnerKey(withdrawal.owner(), withdrawal.idempotencyKey());
        if (withdrawals.containsKey(withdrawal.id()) || usedNonces.contains(nonce)
                || (key != null && byIdempotencyKey.containsKey(key))) {
            throw new DuplicateKeyException("withdrawal " + withdrawal.id());
        }
        withdrawals.put(withdrawal.id(), withdrawal);
        usedNonces.add(nonce);
        if (key != null) {
            byIdempotencyKey.put(key, withdrawal.id());
        }
        undoLog.recordUndo(() -> {
            withdrawals.remove(withdrawal.id());
            usedNonces.remove(nonce);
            if (key != null) {
                byIdempotencyKey.remove(key);
            }
        });
    }

    @Override
    public void update(Withdrawal withdrawal) {
        Withdrawal before = withdrawals.replace(withdrawal.id(), withdrawal);
        if (before == null) {
            throw new IllegalStateException("no withdrawal row " + withdrawal.id());
        }
        undoLog.recordUndo(() -> withdrawals.put(withdrawal.id(), before));
    }

    @Override
    public Optional<Withdrawal> find(UUID id) {
        return Optional.ofNullable(withdrawals.get(id));
    }

    @Override
    public Optional<Withdrawal> findForUpdate(UUID id) {
        return find(id);
    }

    @Override
    public Optional<Withdrawal> findByIdempotencyKey(String owner, String idempotencyKey) {
        return Optional.ofNullable(byIdempotencyKey.get(new OwnerKey(owner, idempotencyKey))).map(withdrawals::get);
    }

    @Override
    public boolean nonceUsed(String owner, BigInteger nonce) {
        return usedNonces.contains(new OwnerNonce(owner, nonce));
    }

    @Override
    public List<Withdrawal> latestOf(String owner, int limit) {
        return withdrawals.values().stream().filter(withdrawal -> withdrawal.owner().equals(owner))
                .sorted(Comparator.comparing(Withdrawal::requestedAt).reversed()).limit(limit).toList();
    }

    private record OwnerKey(String owner, String idempotencyKey) {
    }

    private record OwnerNonce(String owner, BigInteger nonce) {
    }
}
