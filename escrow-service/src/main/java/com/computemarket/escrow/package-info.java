/**
 * The escrow service. Features: {@code ledger} (the double-entry ledger every money movement goes through),
 * {@code accounts} (deposits, balances, stake) and {@code funding} (a job's hold, its leases' escrow and their
 * settlement).
 */
package com.computemarket.escrow;
