package com.computemarket.chain.settlements;

import com.computemarket.chain.indexing.ChainReader;
import com.computemarket.chain.indexing.ReorgListener;
import com.computemarket.chain.transactions.TransactionJournal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * After a reorg, looks for each batch anchored above the fork point whether the canonical chain still holds its
 * anchor transaction. Still there (maybe in another block): the stored block follows it. Gone: the transaction
 * journal marks the anchor dropped, which queues it to be signed again and puts the batch back to CLOSED in the same
 * database transaction. Proofs of the batch read PENDING until it is anchored again.
 */
@Component
class VanishedAnchors implements ReorgListener {

    private static final Logger log = LoggerFactory.getLogger(VanishedAnchors.class);

    private final JdbcClient jdbc;
    private final ChainReader chain;
    private final TransactionJournal journal;

    VanishedAnchors(JdbcClient jdbc, ChainReader chain, TransactionJournal journal) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.journal = journal;
    }

    @Override
    public void rolledBack(long forkPoint) {
        jdbc.sql("select id, anchor_tx_hash from settlement_batch where status = 'ANCHORED' and anchor_block > ? "
                        + "order by id")
                .param(forkPoint)
                .query((rs, row) -> new Anchor(rs.getLong("id"), rs.getString("anchor_tx_hash")))
                .list()
                .forEach(this::recheck);
    }

    private void recheck(Anchor anchor) {
        Optional<Long> block = chain.blockOfTransaction(anchor.txHash());
        if (block.isPresent()) {
            jdbc.sql("update settlement_batch set anchor_block = ? where id = ? and anchor_tx_hash = ?")
                    .params(block.get(), anchor.batchId(), anchor.txHash())
                    .update();
            return;
        }
        // The journal queues the anchor again and, through TransactionDropped, puts the batch back to CLOSED in the
        // same database transaction, so the batch keeps its id and root and is anchored exactly once more.
        if (!journal.markDropped(anchor.txHash())) {
            log.error("Anchor tx {} of settlement batch {} vanished in a reorg but is not an open journal entry; "
                    + "the batch needs an operator", anchor.txHash(), anchor.batchId());
        }
    }

    private record Anchor(long batchId, String txHash) {
    }
}
