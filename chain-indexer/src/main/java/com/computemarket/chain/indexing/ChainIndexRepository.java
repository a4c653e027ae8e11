package com.computemarket.chain.indexing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cursor (last indexed block, last head seen) and the hashes of recent blocks, per chain. */
@Repository
class ChainIndexRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ChainIndexRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    Optional<Long> lastIndexed(long chainId) {
        return jdbc.sql("select last_indexed from chain_index where chain_id = ?").param(chainId).query(Long.class)
                .optional();
    }

    void moveCursor(long chainId, long lastIndexed, Instant now) {
        jdbc.sql("""
                insert into chain_index (chain_id, last_indexed, updated_at) values (?, ?, ?)
                on conflict (chain_id) do update set last_indexed = excluded.last_indexed, updated_at = excluded.updated_at
                """)
                .params(chainId, lastIndexed, Timestamp.from(now))
                .update();
    }

    void recordHead(long chainId, BlockHeader head, Instant now) {
        jdbc.sql("update chain_index set head = ?, head_time = ?, polled_at = ? where chain_id = ?")
                .params(head.number(), Timestamp.from(head.time()), Timestamp.from(now), chainId)
                .update();
    }

    Optional<IndexSnapshot> snapshot(long chainId) {
        return jdbc.sql("""
                select i.last_indexed, b.block_time as last_indexed_time, i.head, i.head_time, i.polled_at
                from chain_index i
                left join indexed_block b on b.chain_id = i.chain_id and b.number = i.last_indexed
                where i.chain_id = ?
                """)
                .param(chainId)
                .query((rs, row) -> new IndexSnapshot(rs.getLong("last_indexed"), instant(rs, "last_indexed_time"),
                        rs.getObject("head", Long.class), instant(rs, "head_time"), instant(rs, "polled_at")))
                .optional();
    }

    Optional<BlockHeader> block(long chainId, long number) {
        return jdbc.sql("select * from indexed_block where chain_id = ? and number = ?")
                .params(chainId, number)
                .query(ChainIndexRepository::header)
                .optional();
    }

    void saveBlocks(long chainId, List<BlockHeader> headers) {
        batch.batchUpdate("""
                insert into indexed_block (chain_id, number, hash, parent_hash, block_time) values (?, ?, ?, ?, ?)
                on conflict (chain_id, number) do update
                set hash = excluded.hash, parent_hash = excluded.parent_hash, block_time = excluded.block_time
                """, headers, headers.size(), (statement, header) -> {
                    statement.setLong(1, chainId);
                    statement.setLong(2, header.number());
                    statement.setString(3, header.hash());
                    statement.setString(4, header.parentHash());
                    statement.setTimestamp(5, Timestamp.from(header.time()));
                });
    }

    void deleteBlocksAbove(long chainId, long number) {
        jdbc.sql("delete from indexed_block where chain_id = ? and number > ?").params(chainId, number).update();
    }

    /** Forgets hashes below {@code number}, except the cursor's block, which the next step links to. */
    void pruneBlocksBelow(long chainId, long number, long cursor) {
        jdbc.sql("delete from indexed_block where chain_id = ? and number < ? and number <> ?")
                .params(chainId, number, cursor)
                .update();
    }

    private static BlockHeader header(ResultSet rs, int row) throws SQLException {
        return new BlockHeader(rs.getLong("number"), rs.getString("hash"), rs.getString("parent_hash"),
                rs.getTimestamp("block_time").toInstant());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** The stored view of the index; head fields are null before the first completed poll. */
    record IndexSnapshot(long lastIndexed, Instant lastIndexedTime, Long head, Instant headTime, Instant polledAt) {
    }
}
