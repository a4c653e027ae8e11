package com.computemarket.chain.transactions;

/** Where a journaled transaction stands; see {@link ChainTransaction} for the moves between them. */
public enum TransactionStatus {
    /** Intended, not signed yet (also after it was dropped): the sender will assign a nonce and send it. */
    QUEUED,
    /** Signed with a nonce and (probably) broadcast; no receipt yet. */
    SUBMITTED,
    /** Mined with status 1. */
    MINED,
    /** Mined with status 0. */
    REVERTED,
    /** Never signed: the call would revert (eth_estimateGas refused it). */
    REJECTED
}
