/**
 * chain-indexer: the bridge between the market and the chain. {@code contracts} deploys and talks to the contracts,
 * {@code deposits} turns vault Deposit logs into DepositConfirmed events, {@code settlements} anchors Merkle roots of
 * settlement batches and serves inclusion proofs.
 */
package com.computemarket.chain;
