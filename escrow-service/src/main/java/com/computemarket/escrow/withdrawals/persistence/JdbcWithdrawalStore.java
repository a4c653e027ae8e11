package com.computemarket.escrow.withdrawals.persistence;

import com.computemarket.escrow.withdrawals.application.WithdrawalStore;
import com.computemarket.escrow.withdrawals.model.SignedWithdrawal;
import com.computemarket.escrow.withdrawals.model.Withdrawal;
import com.computemarket.escrow.withdrawals.model.WithdrawalStatus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Withdrawals in PostgreSQL. Owners are stored as EIP-55 addresses, as the JWT subject gives them. */
@Repository
class JdbcWithdrawalStore implements WithdrawalStore {

    private static final String COLUMNS = """
            id, owner, to_address, amount, nonce, deadline, signature, chain_id, vault, status, idempotency_key,
            requested_at, settled_at, tx_hash, failure_reason, failure_detail, reopenings""";

    private final JdbcClient jdbc;

    JdbcWithdrawalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Withdrawal withdrawal) {
        SignedWithdrawal signed = withdrawal.signed();
        jdbc.sql("insert into withdrawal (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(withdrawal.id(), signed.owner(), signed.to(), new BigDecimal(signed.amount()),
                        new BigDecimal(signed.nonce()), signed.deadline(), signed.signature(), withdrawal.chainId(),
                        withdrawal.vault(), withdrawal.status().name(), withdrawal.idempotencyKey(),
                        Timestamp.from(withdrawal.requestedAt()), timestamp(withdrawal.settledAt()),
                        withdrawal.txHash(), withdrawal.failureReason(), withdrawal.failureDetail(),
                        withdrawal.reopenings())
                .update();
    }

    @Override
    public void update(Withdrawal withdrawal) {
        jdbc.sql("""
                        update withdrawal set status = ?, settled_at = ?, tx_hash = ?, failure_reason = ?,
                                              failure_detail = ?, reopenings = ?
                        where id = ?""")
                .params(withdrawal.status().name(), timestamp(withdrawal.settledAt()), withdrawal.txHash(),
                        withdrawal.failureReason(), withdrawal.failureDetail(), withdrawal.reopenings(),
                        withdrawal.id())
                .update();
    }

    @Override
    public Optional<Withdrawal> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from withdrawal where id = ?").param(id)
                .query(JdbcWithdrawalStore::withdrawal).optional();
    }

    @Override
    public Optional<Withdrawal> findForUpdate(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from withdrawal where id = ? for update").param(id)
                .query(JdbcWithdrawalStore::withdrawal).optional();
    }

    @Override
    public Optional<Withdrawal> findByIdempotencyKey(String owner, String idempotencyKey) {
        return jdbc.sql("select " + COLUMNS + " from withdrawal where owner = ? and idempotency_key = ?")
                .params(owner, idempotencyKey)
                .query(JdbcWithdrawalStore::withdrawal).optional();
    }

    @Override
    public boolean nonceUsed(String owner, BigInteger nonce) {
        return jdbc.sql("select count(*) from withdrawal where owner = ? and nonce = ?")
                .params(owner, new BigDecimal(nonce)).query(Long.class).single() > 0;
    }

    @Override
    public List<Withdrawal> latestOf(String owner, int limit) {
        return jdbc.sql("select " + COLUMNS + " from withdrawal where owner = ? order by requested_at desc, id limit ?")
                .params(owner, limit)
                .query(JdbcWithdrawalStore::withdrawal).list();
    }

    private static Withdrawal withdrawal(ResultSet rs, int row) throws SQLException {
        SignedWithdrawal signed = new SignedWithdrawal(rs.getString("owner"), rs.getString("to_address"),
                rs.getBigDecimal("amount").toBigIntegerExact(), rs.getBigDecimal("nonce").toBigIntegerExact(),
                rs.getLong("deadline"), rs.getString("signature"));
        Timestamp settledAt = rs.getTimestamp("settled_at");
        return new Withdrawal(rs.getObject("id", UUID.class), signed, rs.getLong("chain_id"), rs.getString("vault"),
                WithdrawalStatus.valueOf(rs.getString("status")), rs.getString("idempotency_key"),
                rs.getTimestamp("requested_at").toInstant(), settledAt == null ? null : settledAt.toInstant(),
                rs.getString("tx_hash"), rs.getString("failure_reason"), rs.getString("failure_detail"),
                rs.getInt("reopenings"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
