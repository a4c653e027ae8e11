/**
 * The escrow service. Features: {@code ledger} (the double-entry ledger every money movement goes through),
 * {@code accounts} (deposits and their reversals, balances, statement, stake), {@code funding} (a job's hold, its
 * leases' escrow and their settlement), {@code withdrawals} (signed withdrawals out of the vault) and
 * {@code reconciliation} (the vault mirror against the chain).
 */
package com.computemarket.escrow;
