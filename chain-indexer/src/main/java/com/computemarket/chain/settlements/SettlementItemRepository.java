package com.computemarket.chain.settlements;

import com.computemarket.events.SettlementRecorded;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SettlementItemRepository {

    private final JdbcClient jdbc;

    SettlementItemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a settlement waiting for a batch; a settlement already stored is left as it is. */
    void insertPending(SettlementRecorded settlement, String leaf, Instant receivedAt) {
        jdbc.sql("""
                insert into settlement_item (settlement_id, lease_id, job_id, consumer, provider, outcome,
                    provider_payout, protocol_fee, consumer_refund, recorded_at, leaf, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (settlement_id) do nothing
                """)
                .params(settlement.settlementId(), settlement.leaseId(), settlement.jobId(), settlement.consumer(),
                        settlement.provider(), settlement.outcome().name(),
                        new BigDecimal(settlement.providerPayout()),
                        new BigDecimal(settlement.protocolFee()),
                        new BigDecimal(settlement.consumerRefund()),
                        Timestamp.from(settlement.recordedAt()), leaf, Timestamp.from(receivedAt))
                .update();
    }

    /** The oldest settlements not yet in a batch, oldest first, at most {@code limit}. */
    List<PendingItem> findPending(int limit) {
        return jdbc.sql("""
                select settlement_id, leaf, received_at from settlement_item
                where batch_id is null order by received_at, settlement_id limit ?
                """)
                .param(limit)
                .query((rs, row) -> new PendingItem(rs.getObject("settlement_id", UUID.class), rs.getString("leaf"),
                        rs.getTimestamp("received_at").toInstant()))
                .list();
    }

    void assignToBatch(List<UUID> settlementIds, long batchId) {
        int assigned = jdbc.sql("update settlement_item set batch_id = :batchId "
                        + "where settlement_id in (:ids) and batch_id is null")
                .param("batchId", batchId)
                .param("ids", settlementIds)
                .update();
        if (assigned != settlementIds.size()) {
            throw new IllegalStateException("settlements changed while closing batch " + batchId);
        }
    }

    Optional<ItemPlacement> findPlacement(UUID settlementId) {
        return jdbc.sql("select leaf, batch_id from settlement_item where settlement_id = ?")
                .param(settlementId)
                .query((rs, row) -> new ItemPlacement(rs.getString("leaf"), rs.getObject("batch_id", Long.class)))
                .optional();
    }

    List<String> findLeavesOfBatch(long batchId) {
        return jdbc.sql("select leaf from settlement_item where batch_id = ?").param(batchId).query(String.class).list();
    }

    record PendingItem(UUID settlementId, String leaf, Instant receivedAt) {
    }

    record ItemPlacement(String leaf, Long batchId) {
    }
}
