package com.computemarket.escrow.ledger.application;

/** Reads the figures the ledger's invariants are judged on, all from one consistent snapshot of the ledger. */
public interface LedgerAudit {

    LedgerFigures figures();
}
