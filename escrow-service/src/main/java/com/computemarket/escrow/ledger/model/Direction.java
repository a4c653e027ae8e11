package com.computemarket.escrow.ledger.model;

/** A CREDIT raises the account's balance, a DEBIT lowers it. */
public enum Direction {
    DEBIT,
    CREDIT
}
