package com.computemarket.escrow.withdrawals.model;

/** Where a withdrawal stands; REQUESTED moves once, to EXECUTED or FAILED, and never back. */
public enum WithdrawalStatus {
    /** Debited and announced; chain-indexer has not answered yet. */
    REQUESTED,
    /** The vault paid it out; the amount left the vault mirror. */
    EXECUTED,
    /** The vault will never pay it out; the amount went back to the owner's available balance. */
    FAILED
}
