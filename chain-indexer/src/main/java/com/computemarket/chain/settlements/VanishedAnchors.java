package com.computemarket.chain.settlements;

import com.computemarket.chain.indexing.ChainReader;
import com.computemarket.chain.indexing.ReorgListener;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * After a reorg, looks for each batch anchored above the fork point whether the canonical chain still holds its
 * anchor transaction. Still there (maybe in another block): the stored block follows it. Gone: the batch goes back
 * to CLOSED without transaction, block or time, which is exactly what {@link SettlementAnchoring} picks up on its
 * next tick; it asks the contract first ({@code rootOf}), so it adopts an anchor that a node re-included meanwhile
 * instead of sending a second one. Proofs of the batch read PENDING until it is anchored again.
 */
@Component
class VanishedAnchors implements ReorgListener {

    private static final Logger log = LoggerFactory.getLogger(VanishedAnchors.class);

    private final JdbcClient jdbc;
    private final ChainReader chain;

    VanishedAnchors(JdbcClient jdbc, ChainReader chain) {
        this.jdbc = jdbc;
        this.chain = chain;
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
        int reopened = jdbc.sql("""
                update settlement_batch
                set status = 'CLOSED', anchor_contract = null, anchor_tx_hash = null, anchor_block = null,
                    anchored_at = null
                where id = ? and status = 'ANCHORED' and anchor_tx_hash = ?
                """)
                .params(anchor.batchId(), anchor.txHash())
                .update();
        if (reopened == 1) {
            log.warn("Anchor tx {} of settlement batch {} vanished in a reorg; the batch will be anchored again",
                    anchor.txHash(), anchor.batchId());
        }
    }

    private record Anchor(long batchId, String txHash) {
    }
}
