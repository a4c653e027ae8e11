package com.computemarket.chain.settlements;

import com.computemarket.chain.contracts.DeployedContracts;
import com.computemarket.chain.contracts.OperatorKey;
import com.computemarket.chain.contracts.SettlementAnchorContract;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Puts closed batches on chain. The database transaction that closes a batch commits before the anchor
 * transaction is sent, so after a crash a batch may be anchored on chain but still CLOSED here: the chain is asked
 * first, and an anchor already there with the same root is adopted instead of being sent again.
 */
@Component
class SettlementAnchoring {

    private static final Logger log = LoggerFactory.getLogger(SettlementAnchoring.class);

    private final SettlementBatching batching;
    private final SettlementAnchorContract anchor;
    private final OperatorKey operator;
    private final DeployedContracts contracts;

    SettlementAnchoring(SettlementBatching batching, SettlementAnchorContract anchor, OperatorKey operator,
            DeployedContracts contracts) {
        this.batching = batching;
        this.anchor = anchor;
        this.operator = operator;
        this.contracts = contracts;
    }

    /** Anchors every closed batch, then closes and anchors batches as long as one is due. */
    synchronized void anchorDueBatches() {
        batching.unanchoredBatches().forEach(this::anchor);
        Optional<SettlementBatch> closed = batching.closeDueBatch();
        while (closed.isPresent()) {
            anchor(closed.get());
            closed = batching.closeDueBatch();
        }
    }

    private void anchor(SettlementBatch batch) {
        byte[] root = Hex.word(batch.root());
        byte[] onChain = anchor.rootOf(batch.id());
        if (Arrays.equals(onChain, new byte[32])) {
            TransactionReceipt receipt = anchor.anchor(operator.credentials(), batch.id(), root, batch.itemCount());
            record(batch, receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact());
        } else if (Arrays.equals(onChain, root)) {
            Log anchored = anchor.anchoredLog(batch.id(), contracts.deploymentBlock()).orElseThrow(
                    () -> new IllegalStateException("batch " + batch.id() + " has a root on chain but no log"));
            record(batch, anchored.getTransactionHash(), anchored.getBlockNumber().longValueExact());
        } else {
            throw new IllegalStateException("batch " + batch.id() + " is anchored on chain with root "
                    + Hex.of(onChain) + ", not " + batch.root() + ": the database and the anchor contract disagree");
        }
    }

    private void record(SettlementBatch batch, String txHash, long block) {
        batching.markAnchored(batch.id(), anchor.address(), txHash, block);
        log.info("Anchored settlement batch {} ({} items, root {}) in tx {} at block {}", batch.id(),
                batch.itemCount(), batch.root(), txHash, block);
    }
}
