/**
 * The double-entry, append-only ledger: accounts identified by (owner, purpose), transfers made of balanced
 * postings with a unique idempotency key, balances derived from postings, and the rule that no account except the
 * vault mirror is ever overdrawn. Every other feature moves money only through {@link
 * com.computemarket.escrow.ledger.application.Ledger}. {@link
 * com.computemarket.escrow.ledger.application.LedgerInvariants} checks the ledger's invariants continuously and
 * reports violations through health ({@code ledgerInvariants}) and metrics, never repairing them.
 */
package com.computemarket.escrow.ledger;
