package com.computemarket.escrow.accounts.persistence;

import com.computemarket.escrow.accounts.application.StakeReceipt;
import com.computemarket.escrow.accounts.application.StakeStore;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stake receipts in PostgreSQL. */
@Repository
class JdbcStakeStore implements StakeStore {

    private final JdbcClient jdbc;

    JdbcStakeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(StakeReceipt receipt, Instant bondedAt) {
        jdbc.sql("insert into stake_bond (transfer_id, provider, amount, total_bonded, bonded_at) values (?, ?, ?, ?, ?)")
                .params(receipt.transferId(), receipt.provider(), new BigDecimal(receipt.amount()),
                        new BigDecimal(receipt.totalBonded()), Timestamp.from(bondedAt))
                .update();
    }

    @Override
    public Optional<StakeReceipt> find(UUID transferId) {
        return jdbc.sql("select transfer_id, provider, amount, total_bonded from stake_bond where transfer_id = ?")
                .param(transferId)
                .query((rs, row) -> new StakeReceipt(rs.getObject("transfer_id", UUID.class),
                        rs.getString("provider"), rs.getBigDecimal("amount").toBigIntegerExact(),
                        rs.getBigDecimal("total_bonded").toBigIntegerExact()))
                .optional();
    }
}
