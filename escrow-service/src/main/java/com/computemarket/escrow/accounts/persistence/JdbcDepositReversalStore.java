package com.computemarket.escrow.accounts.persistence;

import com.computemarket.escrow.accounts.application.DepositKey;
import com.computemarket.escrow.accounts.application.DepositReversal;
import com.computemarket.escrow.accounts.application.DepositReversalStore;
import java.math.BigDecimal;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Deposit reversals in PostgreSQL, keyed like the deposits' confirmations (log key and generation). */
@Repository
class JdbcDepositReversalStore implements DepositReversalStore {

    private final JdbcClient jdbc;

    JdbcDepositReversalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean contains(DepositKey deposit) {
        return jdbc.sql("select count(*) from deposit_reversal where chain_id = ? and tx_hash = ? and log_index = ? "
                        + "and generation = ?")
                .params(deposit.chainId(), deposit.txHash(), deposit.logIndex(), deposit.generation())
                .query(Long.class)
                .single() > 0;
    }

    @Override
    public void insert(DepositReversal reversal) {
        jdbc.sql("""
                        insert into deposit_reversal (chain_id, tx_hash, log_index, generation, account, amount,
                                                      orphaned_block_hash, outcome, taken_back, shortfall, transfer_id,
                                                      reversed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(reversal.deposit().chainId(), reversal.deposit().txHash(), reversal.deposit().logIndex(),
                        reversal.deposit().generation(),
                        reversal.account(), new BigDecimal(reversal.amount()), reversal.orphanedBlockHash(),
                        reversal.outcome().name(), new BigDecimal(reversal.takenBack()),
                        new BigDecimal(reversal.shortfall()), reversal.transferId(),
                        Timestamp.from(reversal.reversedAt()))
                .update();
    }
}
