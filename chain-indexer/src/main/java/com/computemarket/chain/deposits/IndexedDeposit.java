package com.computemarket.chain.deposits;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;

/**
 * A stored Deposit log and where it stands; see {@link DepositRepository} for the statuses. {@code reversals} counts
 * how often it was reversed: the generation of its next (or current) confirmation.
 */
record IndexedDeposit(long chainId, String txHash, long logIndex, long blockNumber, String blockHash,
        String account, BigInteger amount, Status status, Instant indexedAt, Instant announcedAt,
        Instant reversedAt, int reversals) {

    static final Comparator<IndexedDeposit> CHAIN_ORDER = Comparator.comparingLong(IndexedDeposit::blockNumber)
            .thenComparingLong(IndexedDeposit::logIndex);

    enum Status { ON_CHAIN, ORPHANED, REVERSED }

    boolean announced() {
        return announcedAt != null;
    }
}
