/**
 * chain-indexer: the bridge between the market and the chain. {@code contracts} deploys and talks to the contracts,
 * {@code deposits} turns vault Deposit logs into DepositConfirmed events, {@code settlements} anchors Merkle roots of
 * settlement batches and serves inclusion proofs, {@code withdrawals} executes owner-signed withdrawals on the vault,
 * {@code transactions} journals and sends every transaction of the operator key.
 */
package com.computemarket.chain;
