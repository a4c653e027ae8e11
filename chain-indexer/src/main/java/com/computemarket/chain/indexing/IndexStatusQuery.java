package com.computemarket.chain.indexing;

import com.computemarket.chain.ChainProperties;
import com.computemarket.chain.contracts.DeployedContracts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads where the index stands from the database, so every replica answers alike. */
@Service
public class IndexStatusQuery {

    private final ChainIndexRepository index;
    private final DeployedContracts contracts;
    private final int confirmations;
    private final int finalityDepth;

    IndexStatusQuery(ChainIndexRepository index, DeployedContracts contracts, ChainProperties chainProperties,
            IndexingProperties properties) {
        this.index = index;
        this.contracts = contracts;
        this.confirmations = chainProperties.confirmations();
        this.finalityDepth = properties.finalityDepth();
    }

    @Transactional(readOnly = true)
    public ChainIndexStatus status() {
        long chainId = contracts.chainId();
        return index.snapshot(chainId)
                .map(snapshot -> new ChainIndexStatus(chainId, snapshot.head(), snapshot.headTime(),
                        snapshot.lastIndexed(), snapshot.lastIndexedTime(),
                        snapshot.head() == null ? null : Math.min(snapshot.head() - confirmations, snapshot.lastIndexed()),
                        snapshot.head() == null ? null : Math.min(snapshot.head() - finalityDepth, snapshot.lastIndexed()),
                        confirmations, finalityDepth, snapshot.polledAt()))
                .orElseGet(() -> new ChainIndexStatus(chainId, null, null, contracts.deploymentBlock() - 1, null, null,
                        null, confirmations, finalityDepth, null));
    }
}
