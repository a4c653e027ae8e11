package com.computemarket.escrow.accounts.persistence;

import com.computemarket.escrow.accounts.application.StakeReceipt;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Receipts of stake bondings, kept so that a replayed request gets the first answer again. */
@Repository
public class JdbcStakeStore {

    private final JdbcClient jdbc;

    JdbcStakeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(StakeReceipt receipt, Instant bondedAt) {
        jdbc.sql("insert into stake_bond (transfer_id, provider, amount, total_bonded, bonded_at) values (?, ?, ?, ?, ?)")
                .params(receipt.transferId(), receipt.provider(), new BigDecimal(receipt.amount()),
                        new BigDecimal(receipt.totalBonded()), Timestamp.from(bondedAt))
                .update();
    }

    public Optional<StakeReceipt> find(UUID transferId) {
        return jdbc.sql("select transfer_id, provider, amount, total_bonded from stake_bond where transfer_id = ?")
                .param(transferId)
                .query((rs, row) -> new StakeReceipt(rs.getObject("transfer_id", UUID.class),
                        rs.getString("provider"), rs.getBigDecimal("amount").toBigIntegerExact(),
                        rs.getBigDecimal("total_bonded").toBigIntegerExact()))
                .optional();
    }
}
