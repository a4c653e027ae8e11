package com.computemarket.escrow.accounts.application;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Deposit reversals in memory, for plain tests and the ledger simulation (which never reverses a deposit). */
public final class InMemoryDepositReversalStore implements DepositReversalStore {

    private final Map<DepositKey, DepositReversal> reversals = new ConcurrentHashMap<>();

    @Override
    public boolean contains(DepositKey deposit) {
        return reversals.containsKey(deposit);
    }

    @Override
    public void insert(DepositReversal reversal) {
        if (reversals.putIfAbsent(reversal.deposit(), reversal) != null) {
            throw new IllegalStateException("deposit " + reversal.deposit() + " was reversed before");
        }
    }
}
