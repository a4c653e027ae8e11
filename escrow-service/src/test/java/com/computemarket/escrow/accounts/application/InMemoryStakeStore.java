package com.computemarket.escrow.accounts.application;

import com.computemarket.escrow.UndoLog;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;

/** A single-threaded stand-in for the {@code stake_bond} table. */
public class InMemoryStakeStore implements StakeStore {

    private final UndoLog undoLog;
    private final Map<UUID, StakeReceipt> receipts = new HashMap<>();

    public InMemoryStakeStore(UndoLog undoLog) {
        this.undoLog = undoLog;
    }

    /** A new store holding the same rows, as a restarted service would find them. */
    public InMemoryStakeStore reopen(UndoLog newUndoLog) {
        InMemoryStakeStore reopened = new InMemoryStakeStore(newUndoLog);
        reopened.receipts.putAll(receipts);
        return reopened;
    }

    @Override
    public void insert(StakeReceipt receipt, Instant bondedAt) {
        if (receipts.putIfAbsent(receipt.transferId(), receipt) != null) {
            throw new DuplicateKeyException("stake_bond " + receipt.transferId());
        }
        undoLog.recordUndo(() -> receipts.remove(receipt.transferId()));
    }

    @Override
    public Optional<StakeReceipt> find(UUID transferId) {
        return Optional.ofNullable(receipts.get(transferId));
    }
}
