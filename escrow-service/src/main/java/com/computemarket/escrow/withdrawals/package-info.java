/**
 * Withdrawals out of the vault: a request signed by its owner (EIP-712) is checked and debited at once (available
 * to pending withdrawal) and announced to chain-indexer, which executes it on chain; its answer either confirms the
 * withdrawal (pending leaves the vault mirror) or compensates it (pending back to available).
 */
package com.computemarket.escrow.withdrawals;
