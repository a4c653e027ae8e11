package com.computemarket.escrow.withdrawals.model;

/**
 * Where a withdrawal stands; REQUESTED moves once, to EXECUTED or FAILED; EXECUTED may still become REVERSED (its
 * transaction left the chain in a reorg and the vault refused to pay it again), which is final.
 */
public enum WithdrawalStatus {
    /** Debited and announced; chain-indexer has not answered yet. */
    REQUESTED,
    /** The vault paid it out; the amount left the vault mirror. */
    EXECUTED,
    /** The vault will never pay it out; the amount went back to the owner's available balance. */
    FAILED,
    /**
     * Reported executed, then its transaction left the chain and the vault refused to pay it again: the amount went
     * back to the owner's available balance and to the vault mirror.
     */
    REVERSED
}
