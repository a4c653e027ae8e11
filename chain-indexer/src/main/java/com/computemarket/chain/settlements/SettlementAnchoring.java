package com.computemarket.chain.settlements;

import com.computemarket.chain.contracts.DeployedContracts;
import com.computemarket.chain.contracts.OperatorKey;
import com.computemarket.chain.contracts.SettlementAnchorContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;
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

    /** Fixed and arbitrary ("anchor" in ASCII): the advisory lock held by the one instance that anchors. */
    static final long ANCHORING_LOCK_KEY = 0x616e63686f72L;

    private final SettlementBatching batching;
    private final SettlementAnchorContract anchor;
    private final OperatorKey operator;
    private final DeployedContracts contracts;
    private final DataSource dataSource;

    SettlementAnchoring(SettlementBatching batching, SettlementAnchorContract anchor, OperatorKey operator,
            DeployedContracts contracts, DataSource dataSource) {
        this.batching = batching;
        this.anchor = anchor;
        this.operator = operator;
        this.contracts = contracts;
        this.dataSource = dataSource;
    }

    /**
     * Anchors every closed batch, then closes and anchors batches as long as one is due. Only one instance of the
     * service does this at a time (a session advisory lock held across the database and chain steps), so batch ids
     * stay sequential and the operator key's nonces are used by one sender.
     */
    synchronized void anchorDueBatches() {
        try (Connection lockHolder = dataSource.getConnection()) {
            if (!advisoryLock(lockHolder, "pg_try_advisory_lock")) {
                return; // another instance is anchoring
            }
            try {
                anchorAll();
            } finally {
                advisoryLock(lockHolder, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the anchoring turn", e);
        }
    }

    private static boolean advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + function + "(?)")) {
            statement.setLong(1, ANCHORING_LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private void anchorAll() {
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
