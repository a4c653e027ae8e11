/**
 * Deposit indexing: the vault's Deposit logs, stored by (chain id, tx hash, log index) as the indexer reads them,
 * announced once as DepositConfirmed at the confirmation depth and, if a reorg deeper than that depth removes an
 * announced deposit for good, reversed once as DepositReversed; both through the outbox in the indexing step's
 * transaction. Each record's tier (SEEN, SAFE, FINAL) is served over HTTP.
 */
package com.computemarket.chain.deposits;
