package com.computemarket.chain.deposits;

import com.computemarket.chain.indexing.ChainIndexStatus;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.time.Instant;

/**
 * A deposit as served over HTTP. {@code tier} (SEEN, SAFE, FINAL) is set while the deposit is ON_CHAIN and null
 * once a reorg orphaned (re-checking) or reversed it; {@code confirmedAt} is when DepositConfirmed went out.
 */
record DepositView(long chainId, String txHash, long logIndex, long blockNumber, String blockHash, String account,
        String token, @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount, IndexedDeposit.Status status,
        ChainIndexStatus.Tier tier, Instant indexedAt, Instant confirmedAt, Instant reversedAt) {

    static DepositView of(IndexedDeposit deposit, String token, ChainIndexStatus index) {
        ChainIndexStatus.Tier tier = deposit.status() == IndexedDeposit.Status.ON_CHAIN
                ? index.tierOf(deposit.blockNumber()) : null;
        return new DepositView(deposit.chainId(), deposit.txHash(), deposit.logIndex(), deposit.blockNumber(),
                deposit.blockHash(), deposit.account(), token, deposit.amount(), deposit.status(), tier,
                deposit.indexedAt(), deposit.announcedAt(), deposit.reversedAt());
    }
}
