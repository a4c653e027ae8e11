package com.computemarket.chain.settlements;

import com.computemarket.chain.contracts.DeployedContracts;
import com.computemarket.chain.contracts.SettlementAnchorContract;
import com.computemarket.chain.transactions.JournaledTransaction;
import com.computemarket.chain.transactions.Purpose;
import com.computemarket.chain.transactions.TransactionJournal;
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

/**
 * Closes due batches (each with its anchor intent in the transaction journal; the {@code TransactionSender} sends
 * it) and looks after batches whose anchor intent failed. A rejected or reverted anchor usually means the chain
 * already has this batch (an anchor sent again after a reorg, or before a lost journal): the chain is asked, and an
 * anchor already there with the same root is adopted; with no root there, the intent is queued again.
 */
@Component
class SettlementAnchoring {

    private static final Logger log = LoggerFactory.getLogger(SettlementAnchoring.class);

    /** Fixed and arbitrary ("anchor" in ASCII): the advisory lock held by the one instance that closes batches. */
    static final long ANCHORING_LOCK_KEY = 0x616e63686f72L;

    private final SettlementBatching batching;
    private final TransactionJournal journal;
    private final SettlementAnchorContract anchor;
    private final DeployedContracts contracts;
    private final DataSource dataSource;

    SettlementAnchoring(SettlementBatching batching, TransactionJournal journal, SettlementAnchorContract anchor,
            DeployedContracts contracts, DataSource dataSource) {
        this.batching = batching;
        this.journal = journal;
        this.anchor = anchor;
        this.contracts = contracts;
        this.dataSource = dataSource;
    }

    /**
     * Closes batches as long as one is due, then checks the anchor intents of closed batches. Only one instance of
     * the service does this at a time (a session advisory lock), so batch ids stay sequential without gaps.
     */
    synchronized void anchorDueBatches() {
        try (Connection lockHolder = dataSource.getConnection()) {
            if (!advisoryLock(lockHolder, "pg_try_advisory_lock")) {
                return; // another instance is closing batches
            }
            try {
                Optional<SettlementBatch> closed = batching.closeDueBatch();
                while (closed.isPresent()) {
                    log.info("Closed settlement batch {} ({} items, root {}); its anchor is journaled",
                            closed.get().id(), closed.get().itemCount(), closed.get().root());
                    closed = batching.closeDueBatch();
                }
                batching.unanchoredBatches().forEach(this::lookAfter);
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

    private void lookAfter(SettlementBatch batch) {
        Optional<JournaledTransaction> intent = journal.find(Purpose.ANCHOR, SettlementBatching.subject(batch.id()));
        if (intent.isEmpty()) {
            batching.ensureAnchorIntent(batch);
            return;
        }
        switch (intent.get().status()) {
            case QUEUED, SUBMITTED -> { } // the sender is on it
            case MINED -> batching.markAnchored(batch.id(), anchor.address(), intent.get().minedTxHash(),
                    intent.get().minedBlock());
            case REJECTED, REVERTED -> adoptOrRetry(batch, intent.get());
        }
    }

    private void adoptOrRetry(SettlementBatch batch, JournaledTransaction failed) {
        byte[] root = Hex.word(batch.root());
        byte[] onChain = anchor.rootOf(batch.id());
        if (Arrays.equals(onChain, root)) {
            Log anchored = anchor.anchoredLog(batch.id(), contracts.deploymentBlock()).orElseThrow(
                    () -> new IllegalStateException("batch " + batch.id() + " has a root on chain but no log"));
            batching.markAnchored(batch.id(), anchor.address(), anchored.getTransactionHash(),
                    anchored.getBlockNumber().longValueExact());
            log.info("Settlement batch {} was already anchored in tx {}; adopted", batch.id(),
                    anchored.getTransactionHash());
        } else if (Arrays.equals(onChain, new byte[32])) {
            log.warn("Anchoring settlement batch {} failed ({}); sending it again", batch.id(),
                    failed.failure().orElse(failed.status().name()));
            journal.retry(Purpose.ANCHOR, SettlementBatching.subject(batch.id()));
        } else {
            throw new IllegalStateException("batch " + batch.id() + " is anchored on chain with root "
                    + Hex.of(onChain) + ", not " + batch.root() + ": the database and the anchor contract disagree");
        }
    }
}
