package com.computemarket.escrow.withdrawals.model;

/**
 * Where a withdrawal stands; REQUESTED moves to EXECUTED or FAILED; EXECUTED may go back to REQUESTED (a reorg
 * removed its payout and chain-indexer sends it again: WithdrawalReopened, the money is pending in the vault again,
 * and the next EXECUTED is a new cycle) or become REVERSED (its transaction left the chain in a reorg and the vault
 * refused to pay it again), which is final, as FAILED is.
 */
public enum WithdrawalStatus {
    /**
     * Debited and announced; chain-indexer has not answered yet, or its reported payout left the chain and it is
     * being sent again ({@code reopenings} > 0).
     */
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
