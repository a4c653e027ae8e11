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
    STAKE_UNBOND,
    STAKE_UNBOND_RELEASE,
    COLLATERAL_LOCK,
    COLLATERAL_RELEASE,
    STAKE_SLASH
}
