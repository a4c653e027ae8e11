package com.computemarket.chain.transactions;

/** Why a transaction is sent; with a subject (batch id, withdrawal id) it names one intent. */
public enum Purpose {
    /** SettlementAnchor.anchor of a settlement batch; subject = batch id. */
    ANCHOR,
    /** EscrowVault.withdrawWithSignature of a signed withdrawal request; subject = withdrawal id. */
    WITHDRAW
}
