package com.computemarket.escrow.accounts.application;

import com.computemarket.escrow.UndoLog;
import java.util.HashMap;
import java.util.Map;

/** A single-threaded stand-in for the {@code deposit_reversal} table, for plain tests and the ledger simulation. */
public final class InMemoryDepositReversalStore implements DepositReversalStore {

    private final UndoLog undoLog;
    private final Map<DepositKey, DepositReversal> reversals = new HashMap<>();

    public InMemoryDepositReversalStore() {
        this(new UndoLog());
    }

    public InMemoryDepositReversalStore(UndoLog undoLog) {
        this.undoLog = undoLog;
    }

    /** A new store holding the same rows, as a restarted service would find them. */
    public InMemoryDepositReversalStore reopen(UndoLog newUndoLog) {
        InMemoryDepositReversalStore reopened = new InMemoryDepositReversalStore(newUndoLog);
        reopened.reversals.putAll(reversals);
        return reopened;
    }

    @Override
    public boolean contains(DepositKey deposit) {
        return reversals.containsKey(deposit);
    }

    @Override
    public void insert(DepositReversal reversal) {
        if (reversals.putIfAbsent(reversal.deposit(), reversal) != null) {
            throw new IllegalStateException("deposit " + reversal.deposit() + " was reversed before");
        }
        undoLog.recordUndo(() -> reversals.remove(reversal.deposit()));
    }
}
