package com.computemarket.chain.deposits;

import com.computemarket.api.NotFoundOrNotYours;
import com.computemarket.chain.contracts.DeployedContracts;
import com.computemarket.chain.indexing.ChainIndexStatus;
import com.computemarket.chain.indexing.IndexStatusQuery;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Deposits as their owner sees them, each with its tier under the index's current head. */
@Service
class DepositQueries {

    static final int MAX_LISTED = 100;

    private final DepositRepository deposits;
    private final IndexStatusQuery index;
    private final DeployedContracts contracts;

    DepositQueries(DepositRepository deposits, IndexStatusQuery index, DeployedContracts contracts) {
        this.deposits = deposits;
        this.index = index;
        this.contracts = contracts;
    }

    /** One deposit of {@code caller}; 404 alike when it does not exist or is someone else's. */
    @Transactional(readOnly = true)
    DepositView one(String caller, long chainId, String txHash, long logIndex) {
        String key = chainId + ":" + txHash + ":" + logIndex;
        if (chainId != contracts.chainId()) {
            throw new NotFoundOrNotYours("deposit", key, "chainId");
        }
        IndexedDeposit deposit = deposits.find(chainId, txHash.toLowerCase(Locale.ROOT), logIndex)
                .filter(found -> found.account().equalsIgnoreCase(caller))
                .orElseThrow(() -> new NotFoundOrNotYours("deposit", key, "txHash"));
        return DepositView.of(deposit, contracts.token(), index.status());
    }

    /** The caller's latest deposits on this chain, newest first. */
    @Transactional(readOnly = true)
    List<DepositView> mine(String caller) {
        ChainIndexStatus status = index.status();
        return deposits.findByAccount(contracts.chainId(), caller, MAX_LISTED).stream()
                .map(deposit -> DepositView.of(deposit, contracts.token(), status))
                .toList();
    }
}
