package com.computemarket.escrow.ledger.model;

/** Why money moved; recorded on each transfer so the ledger reads as a history of business facts. */
public enum TransferKind {
    DEPOSIT,
    HOLD,
    HOLD_RELEASE,
    LEASE_FUNDING,
    HOLD_EXCESS_RETURN,
    SETTLEMENT_PAYOUT,
    SETTLEMENT_REFUND,
    STAKE_BOND,
    /** A credited deposit taken back because a reorg removed it from the chain. */
    DEPOSIT_REVERSAL,
    /** Available balance paying back what a participant owes ({@link AccountPurpose#RECEIVABLE}). */
    DEBT_REPAYMENT,
    STAKE_UNBOND,
    STAKE_UNBOND_RELEASE,
    COLLATERAL_LOCK,
    COLLATERAL_RELEASE,
    STAKE_SLASH,
    /** A signed withdrawal accepted: available balance set aside until the vault pays it out. */
    WITHDRAWAL_REQUEST,
    /** The vault paid a withdrawal out: the money left the vault. */
    WITHDRAWAL_EXECUTION,
    /** The vault will never pay a withdrawal out: the money is available again. */
    WITHDRAWAL_COMPENSATION,
    /**
     * A withdrawal reported paid whose transaction a reorg removed, and which the vault then refused to pay again: the
     * money is still in the vault and available to its owner again.
     */
    WITHDRAWAL_REVERSAL,
    /**
     * A withdrawal reported paid whose transaction a reorg removed, being sent again: the money is back in the vault
     * and set aside for its owner's withdrawal until the resend is paid or refused for good.
     */
    WITHDRAWAL_REOPENING,
    /** A running lease's newly earned seconds: its escrow to what its provider earned. */
    LEASE_ACCRUAL,
    /** The consumer's available balance into a running lease's escrow, to keep it funded ahead. */
    LEASE_TOP_UP,
    /** A stretch of a lease's downtime refunded from its escrow to the consumer. */
    DOWNTIME_REFUND,
    /** A lapsed lease settled: what its provider earned paid out, less the fee; the rest back to the consumer. */
    SETTLEMENT_LAPSE,
    /** A lease of a cancelled job settled: what it earned until the cancel paid out, less the fee; the rest back. */
    SETTLEMENT_CANCEL
}
