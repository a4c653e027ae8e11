/**
 * Settlement anchoring: takes SettlementRecorded events in, groups them into batches, anchors each batch's
 * OpenZeppelin-compatible Merkle root on the SettlementAnchor contract and serves inclusion proofs.
 */
package com.computemarket.chain.settlements;
