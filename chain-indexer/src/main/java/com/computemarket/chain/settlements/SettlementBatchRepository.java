package com.computemarket.chain.settlements;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SettlementBatchRepository {

    private final JdbcClient jdbc;

    SettlementBatchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Batch ids run 1, 2, 3 ... without gaps; only the single batcher allocates them. */
    long nextId() {
        return jdbc.sql("select coalesce(max(id), 0) + 1 from settlement_batch").query(Long.class).single();
    }

    void insert(SettlementBatch batch) {
        jdbc.sql("""
                insert into settlement_batch (id, root, item_count, status, closed_at)
                values (?, ?, ?, ?, ?)
                """)
                .params(batch.id(), batch.root(), batch.itemCount(), batch.status().name(),
                        Timestamp.from(batch.closedAt()))
                .update();
    }

    void update(SettlementBatch batch) {
        jdbc.sql("""
                update settlement_batch
                set status = ?, anchor_contract = ?, anchor_tx_hash = ?, anchor_block = ?, anchored_at = ?
                where id = ?
                """)
                .params(batch.status().name(), batch.anchorContract(), batch.anchorTxHash(), batch.anchorBlock(),
                        batch.anchoredAt() == null ? null : Timestamp.from(batch.anchoredAt()), batch.id())
                .update();
    }

    Optional<SettlementBatch> findById(long id) {
        return jdbc.sql("select * from settlement_batch where id = ?").param(id).query(this::map).optional();
    }

    List<SettlementBatch> findUnanchored() {
        return jdbc.sql("select * from settlement_batch where status = 'CLOSED' order by id").query(this::map).list();
    }

    private SettlementBatch map(ResultSet rs, int row) throws SQLException {
        Timestamp anchoredAt = rs.getTimestamp("anchored_at");
        return SettlementBatch.restore(rs.getLong("id"), rs.getString("root"), rs.getInt("item_count"),
                rs.getTimestamp("closed_at").toInstant(), SettlementBatch.Status.valueOf(rs.getString("status")),
                rs.getString("anchor_contract"), rs.getString("anchor_tx_hash"), rs.getObject("anchor_block", Long.class),
                anchoredAt == null ? null : anchoredAt.toInstant());
    }
}
