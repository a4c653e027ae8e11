package com.computemarket.chain.deposits;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code indexed_deposit}, keyed by (chain id, tx hash, log index). A row is ON_CHAIN while its block is
 * canonical, ORPHANED between a reorg that removed its block and the re-indexing that shows whether it came back,
 * REVERSED when it had been announced and did not come back. {@code announced_at} is when DepositConfirmed went out;
 * {@code reversals} counts the reversals so far, the generation of the next confirmation.
 */
@Repository
class DepositRepository {

    private static final String COLUMNS = """
            chain_id, tx_hash, log_index, block_number, block_hash, account, amount, status, indexed_at, announced_at,
            reversed_at, reversals""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    DepositRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Inserts new logs and updates known ones: a log that comes back after a reorg (same key, maybe another block)
     * is ON_CHAIN again with its new block and keeps its announcement, so it is neither reversed nor announced
     * twice; one already REVERSED is announced again. One statement for the whole range (columns as arrays, turned
     * into rows by {@code unnest}) instead of one per log: a backfill range holds thousands of logs.
     */
    void upsert(long chainId, String vault, List<ChainDeposit> deposits, Instant now) {
        // one statement may not touch a row twice; the latest reading of a key wins, as it did row by row
        Map<DepositKey, ChainDeposit> latest = new LinkedHashMap<>();
        deposits.forEach(deposit -> latest.put(new DepositKey(deposit.txHash(), deposit.logIndex()), deposit));
        List<ChainDeposit> rows = List.copyOf(latest.values());
        Timestamp indexedAt = Timestamp.from(now);
        batch.update(connection -> {
            PreparedStatement upsert = connection.prepareStatement("""
                    insert into indexed_deposit (chain_id, tx_hash, log_index, block_number, block_hash, vault,
                                                 account, amount, status, indexed_at)
                    select ?, log.tx_hash, log.log_index, log.block_number, log.block_hash, ?, log.account,
                           log.amount::numeric(78, 0), 'ON_CHAIN', ?
                    from unnest(?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[])
                        as log (tx_hash, log_index, block_number, block_hash, account, amount)
                    on conflict (chain_id, tx_hash, log_index) do update
                    set block_number = excluded.block_number, block_hash = excluded.block_hash, status = 'ON_CHAIN',
                        announced_at = case when indexed_deposit.status = 'REVERSED' then null
                                            else indexed_deposit.announced_at end,
                        reversed_at = null
                    """);
            upsert.setLong(1, chainId);
            upsert.setString(2, vault);
            upsert.setTimestamp(3, indexedAt);
            upsert.setArray(4, connection.createArrayOf("text", column(rows, ChainDeposit::txHash)));
            upsert.setArray(5, connection.createArrayOf("text", column(rows, ChainDeposit::logIndex)));
            upsert.setArray(6, connection.createArrayOf("text", column(rows, ChainDeposit::blockNumber)));
            upsert.setArray(7, connection.createArrayOf("text", column(rows, ChainDeposit::blockHash)));
            upsert.setArray(8, connection.createArrayOf("text", column(rows, ChainDeposit::account)));
            upsert.setArray(9, connection.createArrayOf("text", column(rows, ChainDeposit::amount)));
            return upsert;
        });
    }

    /** One column of the rows as text, the form the statement's arrays travel in (it casts them back). */
    private static String[] column(List<ChainDeposit> rows, Function<ChainDeposit, ?> value) {
        return rows.stream().map(value).map(String::valueOf).toArray(String[]::new);
    }

    private record DepositKey(String txHash, long logIndex) {
    }

    void orphanAbove(long chainId, long forkPoint) {
        jdbc.sql("update indexed_deposit set status = 'ORPHANED' where chain_id = ? and block_number > ? "
                        + "and status = 'ON_CHAIN'")
                .params(chainId, forkPoint)
                .update();
    }

    /** Marks ON_CHAIN deposits at or below {@code upToBlock} not yet announced as announced; returns them. */
    List<IndexedDeposit> announceUpTo(long chainId, long upToBlock, Instant now) {
        return jdbc.sql("update indexed_deposit set announced_at = ? where chain_id = ? and status = 'ON_CHAIN' "
                        + "and announced_at is null and block_number <= ? returning " + COLUMNS)
                .params(Timestamp.from(now), chainId, upToBlock)
                .query(DepositRepository::map)
                .list()
                .stream()
                .sorted(IndexedDeposit.CHAIN_ORDER)
                .toList();
    }

    /** Orphans that were never announced vanish without a trace; returns how many. */
    int forgetUnannouncedOrphans(long chainId) {
        return jdbc.sql("delete from indexed_deposit where chain_id = ? and status = 'ORPHANED' "
                        + "and announced_at is null")
                .param(chainId)
                .update();
    }

    /** Orphans that were announced become REVERSED (one more reversal counted); returns them. */
    List<IndexedDeposit> reverseAnnouncedOrphans(long chainId, Instant now) {
        return jdbc.sql("update indexed_deposit set status = 'REVERSED', reversed_at = ?, reversals = reversals + 1 "
                        + "where chain_id = ? "
                        + "and status = 'ORPHANED' and announced_at is not null returning " + COLUMNS)
                .params(Timestamp.from(now), chainId)
                .query(DepositRepository::map)
                .list()
                .stream()
                .sorted(IndexedDeposit.CHAIN_ORDER)
                .toList();
    }

    Optional<IndexedDeposit> find(long chainId, String txHash, long logIndex) {
        return jdbc.sql("select " + COLUMNS + " from indexed_deposit where chain_id = ? and tx_hash = ? "
                        + "and log_index = ?")
                .params(chainId, txHash, logIndex)
                .query(DepositRepository::map)
                .optional();
    }

    List<IndexedDeposit> findByAccount(long chainId, String account, int limit) {
        return jdbc.sql("select " + COLUMNS + " from indexed_deposit where chain_id = ? and account = ? "
                        + "order by block_number desc, log_index desc limit ?")
                .params(chainId, account, limit)
                .query(DepositRepository::map)
                .list();
    }

    private static IndexedDeposit map(ResultSet rs, int row) throws SQLException {
        Timestamp announcedAt = rs.getTimestamp("announced_at");
        Timestamp reversedAt = rs.getTimestamp("reversed_at");
        return new IndexedDeposit(rs.getLong("chain_id"), rs.getString("tx_hash"), rs.getLong("log_index"),
                rs.getLong("block_number"), rs.getString("block_hash"), rs.getString("account"),
                rs.getBigDecimal("amount").toBigIntegerExact(), IndexedDeposit.Status.valueOf(rs.getString("status")),
                rs.getTimestamp("indexed_at").toInstant(), announcedAt == null ? null : announcedAt.toInstant(),
                reversedAt == null ? null : reversedAt.toInstant(), rs.getInt("reversals"));
    }
}
