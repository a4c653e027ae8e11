package com.computemarket.escrow.accounts.application;

import com.computemarket.events.DepositConfirmed;
import com.computemarket.events.DepositReversed;

/**
 * Identifies one confirmation of a deposit: the vault's Deposit log, by chain, transaction and position in the
 * transaction's logs, and its generation (how many reversals preceded it). A deposit a reorg reversed whose log comes
 * back is confirmed again with the next generation: a new credit, not a redelivery of the first.
 */
public record DepositKey(long chainId, String txHash, long logIndex, int generation) {

    static DepositKey of(DepositConfirmed deposit) {
        return new DepositKey(deposit.chainId(), deposit.txHash(), deposit.logIndex(), deposit.generation());
    }

    static DepositKey of(DepositReversed reversal) {
        return new DepositKey(reversal.chainId(), reversal.txHash(), reversal.logIndex(), reversal.generation());
    }

    /** The idempotency key of the transfer that credited the deposit (generation 0 keeps the key it always had). */
    String creditKey() {
        return "deposit:" + this;
    }

    /** The idempotency key of the transfer that took the credit back. */
    String reversalKey() {
        return "deposit-reversal:" + this;
    }

    @Override
    public String toString() {
        return chainId + ":" + txHash + ":" + logIndex + (generation == 0 ? "" : ":" + generation);
    }
}
