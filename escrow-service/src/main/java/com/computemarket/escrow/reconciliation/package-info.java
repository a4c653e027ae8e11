/**
 * Reconciliation of the ledger with the chain: the vault mirror against the vault's token balance on chain, at a
 * confirmed block. A mismatch is reported (health, metrics, ERROR log), never repaired.
 */
package com.computemarket.escrow.reconciliation;
