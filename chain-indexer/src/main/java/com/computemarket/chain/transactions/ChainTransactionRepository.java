package com.computemarket.chain.transactions;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ChainTransactionRepository {

    private final JdbcClient jdbc;

    ChainTransactionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the new id, or empty when an intent for this purpose and subject exists already */
    Optional<Long> insert(ChainTransaction intent) {
        return jdbc.sql("""
                insert into chain_transaction (purpose, subject, sender, target, calldata, status, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (purpose, subject) do nothing
                returning id
                """)
                .params(intent.purpose().name(), intent.subject(), intent.sender(), intent.target(), intent.calldata(),
                        intent.status().name(), Timestamp.from(intent.createdAt()), Timestamp.from(intent.createdAt()))
                .query(Long.class).optional();
    }

    /** Writes the state and any attempts not stored yet (attempts are append-only). */
    void update(ChainTransaction transaction, Instant now) {
        jdbc.sql("""
                update chain_transaction
                set status = ?, nonce = ?, gas_limit = ?, mined_tx_hash = ?, mined_block = ?, failure = ?, updated_at = ?
                where id = ?
                """)
                .params(transaction.status().name(), transaction.nonce(),
                        transaction.gasLimit() == null ? null : new BigDecimal(transaction.gasLimit()),
                        transaction.minedTxHash(), transaction.minedBlock(), transaction.failure().orElse(null),
                        Timestamp.from(now), transaction.id())
                .update();
        for (TransactionAttempt attempt : transaction.attempts()) {
            jdbc.sql("""
                    insert into chain_transaction_attempt (tx_hash, transaction_id, nonce, max_fee_per_gas,
                        max_priority_fee_per_gas, signed_transaction, signed_at)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (tx_hash) do nothing
                    """)
                    .params(attempt.txHash(), transaction.id(), attempt.nonce(), new BigDecimal(attempt.maxFeePerGas()),
                            new BigDecimal(attempt.maxPriorityFeePerGas()), attempt.signedTransaction(),
                            Timestamp.from(attempt.signedAt()))
                    .update();
        }
    }

    Optional<ChainTransaction> find(Purpose purpose, String subject) {
        return jdbc.sql("select * from chain_transaction where purpose = ? and subject = ?")
                .params(purpose.name(), subject).query(this::map).optional();
    }

    Optional<ChainTransaction> findByAttempt(String txHash) {
        return jdbc.sql("""
                select t.* from chain_transaction t join chain_transaction_attempt a on a.transaction_id = t.id
                where a.tx_hash = ?
                """).param(txHash).query(this::map).optional();
    }

    /** Transactions in flight, lowest nonce first. */
    List<ChainTransaction> findSubmitted(String sender) {
        return jdbc.sql("select * from chain_transaction where sender = ? and status = 'SUBMITTED' order by nonce")
                .param(sender).query(this::map).list();
    }

    /** Intents not signed yet, in the order they were decided. */
    List<ChainTransaction> findQueued(String sender) {
        return jdbc.sql("select * from chain_transaction where sender = ? and status = 'QUEUED' order by id")
                .param(sender).query(this::map).list();
    }

    private List<TransactionAttempt> attemptsOf(long transactionId) {
        return jdbc.sql("""
                select * from chain_transaction_attempt where transaction_id = ? order by signed_at, max_fee_per_gas
                """)
                .param(transactionId)
                .query((rs, row) -> new TransactionAttempt(rs.getString("tx_hash"), rs.getLong("nonce"),
                        rs.getBigDecimal("max_fee_per_gas").toBigIntegerExact(),
                        rs.getBigDecimal("max_priority_fee_per_gas").toBigIntegerExact(),
                        rs.getString("signed_transaction"), rs.getTimestamp("signed_at").toInstant()))
                .list();
    }

    private ChainTransaction map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        var gasLimit = rs.getBigDecimal("gas_limit");
        return ChainTransaction.restore(id, Purpose.valueOf(rs.getString("purpose")), rs.getString("subject"),
                rs.getString("sender"), rs.getString("target"), rs.getString("calldata"),
                rs.getTimestamp("created_at").toInstant(), attemptsOf(id),
                TransactionStatus.valueOf(rs.getString("status")), rs.getObject("nonce", Long.class),
                gasLimit == null ? null : gasLimit.toBigIntegerExact(), rs.getString("mined_tx_hash"),
                rs.getObject("mined_block", Long.class), rs.getString("failure"));
    }
}
