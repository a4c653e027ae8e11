package com.computemarket.chain.withdrawals;

import com.computemarket.events.WithdrawalRequested;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WithdrawalRepository {

    private final JdbcClient jdbc;

    WithdrawalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when this withdrawal id is known already (nothing is written) */
    boolean insert(Withdrawal withdrawal, Instant now) {
        WithdrawalRequested request = withdrawal.request();
        return jdbc.sql("""
                insert into withdrawal (withdrawal_id, chain_id, vault, account, recipient, amount, nonce, deadline,
                    signature, status, requested_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (withdrawal_id) do nothing
                """)
                .params(request.withdrawalId(), request.chainId(), request.vault(), request.account(), request.to(),
                        new BigDecimal(request.amount()), new BigDecimal(request.nonce()), request.deadline(),
                        request.signature(), withdrawal.status().name(), Timestamp.from(request.requestedAt()),
                        Timestamp.from(now))
                .update() == 1;
    }

    void update(Withdrawal withdrawal, Instant now) {
        jdbc.sql("""
                update withdrawal set status = ?, tx_hash = ?, block_number = ?, failure_reason = ?, failure_detail = ?,
                    announced_tx_hash = ?, announced_at = case when ?::varchar is null then null
                                                               else coalesce(announced_at, ?) end,
                    announced_reopening = ?, reopenings = ?, updated_at = ?
                where withdrawal_id = ?
                """)
                .params(withdrawal.status().name(), withdrawal.txHash(), withdrawal.blockNumber(),
                        withdrawal.failureReason() == null ? null : withdrawal.failureReason().name(),
                        withdrawal.failureDetail(), withdrawal.announcedTxHash(), withdrawal.announcedTxHash(),
                        Timestamp.from(now), withdrawal.announcedReopening(), withdrawal.reopenings(),
                        Timestamp.from(now), withdrawal.id())
                .update();
    }

    Optional<Withdrawal> findById(UUID withdrawalId) {
        return jdbc.sql("select * from withdrawal where withdrawal_id = ?").param(withdrawalId).query(this::map)
                .optional();
    }

    List<Withdrawal> findMined() {
        return jdbc.sql("select * from withdrawal where status = 'MINED' order by block_number").query(this::map).list();
    }

    /**
     * Withdrawals still REQUESTED after a refusal that did not end them (a transaction with their signature went
     * out, so they wait; only those keep a failure reason while REQUESTED), locked for the caller's transaction; rows
     * another transaction holds are skipped.
     */
    List<Withdrawal> lockRefusedForNow() {
        return jdbc.sql("select * from withdrawal where status = 'REQUESTED' and failure_reason is not null "
                        + "order by requested_at for update skip locked")
                .query(this::map)
                .list();
    }

    /** Its transaction {@code txHash} is on chain in {@code blockNumber} (a reorg moved it); nothing else changes. */
    void moveToBlock(UUID withdrawalId, String txHash, long blockNumber) {
        jdbc.sql("update withdrawal set block_number = ? where withdrawal_id = ? and tx_hash = ? "
                        + "and status in ('MINED', 'EXECUTED')")
                .params(blockNumber, withdrawalId, txHash)
                .update();
    }

    /** Withdrawals whose transaction was mined in a block above {@code blockNumber}, reported or not. */
    List<Withdrawal> findOnChainAbove(long blockNumber) {
        return jdbc.sql("select * from withdrawal where status in ('MINED', 'EXECUTED') and block_number > ? "
                        + "order by block_number")
                .param(blockNumber)
                .query(this::map)
                .list();
    }

    private Withdrawal map(ResultSet rs, int row) throws SQLException {
        WithdrawalRequested request = new WithdrawalRequested(rs.getObject("withdrawal_id", UUID.class),
                rs.getLong("chain_id"), rs.getString("vault"), rs.getString("account"), rs.getString("recipient"),
                rs.getBigDecimal("amount").toBigIntegerExact(), rs.getBigDecimal("nonce").toBigIntegerExact(),
                rs.getLong("deadline"), rs.getString("signature"), rs.getTimestamp("requested_at").toInstant());
        String reason = rs.getString("failure_reason");
        return Withdrawal.restore(request, Withdrawal.Status.valueOf(rs.getString("status")), rs.getString("tx_hash"),
                rs.getObject("block_number", Long.class), reason == null ? null : WithdrawalFailure.valueOf(reason),
                rs.getString("failure_detail"), rs.getString("announced_tx_hash"),
                rs.getObject("announced_reopening", Integer.class), rs.getInt("reopenings"));
    }
}
