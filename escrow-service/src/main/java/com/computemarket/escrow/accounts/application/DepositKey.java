package com.computemarket.escrow.accounts.application;

import com.computemarket.events.DepositConfirmed;
import com.computemarket.events.DepositReversed;

/** Identifies one deposit: the vault's Deposit log, by chain, transaction and position in the transaction's logs. */
public record DepositKey(long chainId, String txHash, long logIndex) {

    static DepositKey of(DepositConfirmed deposit) {
        return new DepositKey(deposit.chainId(), deposit.txHash(), deposit.logIndex());
    }

    static DepositKey of(DepositReversed reversal) {
        return new DepositKey(reversal.chainId(), reversal.txHash(), reversal.logIndex());
    }

    /** The idempotency key of the transfer that credited the deposit. */
    String creditKey() {
        return "deposit:" + chainId + ":" + txHash + ":" + logIndex;
    }

    /** The idempotency key of the transfer that took the credit back. */
    String reversalKey() {
        return "deposit-reversal:" + chainId + ":" + txHash + ":" + logIndex;
    }

    @Override
    public String toString() {
        return chainId + ":" + txHash + ":" + logIndex;
    }
}
