/**
 * Deposit indexing: the vault's confirmed Deposit logs, each recorded once by (chain id, tx hash, log index) and
 * published as DepositConfirmed through the outbox in the same transaction; a cursor remembers the last block read.
 */
package com.computemarket.chain.deposits;
