package com.computemarket.chain.transactions;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One signed version of a journaled transaction. All versions share the transaction's nonce, so at most one of them
 * is ever mined.
 */
record TransactionAttempt(String txHash, long nonce, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas,
        String signedTransaction, Instant signedAt) {

    /** Nodes replace a pooled transaction only when both fees rise by at least 10 %. */
    static final int MIN_FEE_BUMP_PERCENT = 10;

    boolean outbids(TransactionAttempt earlier) {
        return atLeastBumped(maxFeePerGas, earlier.maxFeePerGas)
                && atLeastBumped(maxPriorityFeePerGas, earlier.maxPriorityFeePerGas);
    }

    private static boolean atLeastBumped(BigInteger fee, BigInteger earlier) {
        return fee.multiply(BigInteger.valueOf(100))
                .compareTo(earlier.multiply(BigInteger.valueOf(100 + MIN_FEE_BUMP_PERCENT))) >= 0;
    }
}
