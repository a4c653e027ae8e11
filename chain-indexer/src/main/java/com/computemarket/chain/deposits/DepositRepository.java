package com.computemarket.chain.deposits;

import com.computemarket.chain.contracts.EscrowVaultContract.DepositLog;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DepositRepository {

    private final JdbcClient jdbc;

    DepositRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> lastProcessedBlock(long chainId, String vault) {
        return jdbc.sql("select last_processed_block from deposit_cursor where chain_id = ? and vault = ?")
                .params(chainId, vault)
                .query(Long.class)
                .optional();
    }

    void moveCursor(long chainId, String vault, long lastProcessedBlock, Instant now) {
        jdbc.sql("""
                insert into deposit_cursor (chain_id, vault, last_processed_block, updated_at) values (?, ?, ?, ?)
                on conflict (chain_id, vault) do update
                set last_processed_block = excluded.last_processed_block, updated_at = excluded.updated_at
                """)
                .params(chainId, vault, lastProcessedBlock, Timestamp.from(now))
                .update();
    }

    /** Records the log unless it was recorded before; true when it is new. */
    boolean recordIfNew(long chainId, String vault, DepositLog deposit, Instant now) {
        return jdbc.sql("""
                insert into indexed_deposit (chain_id, tx_hash, log_index, block_number, vault, account, amount, indexed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (chain_id, tx_hash, log_index) do nothing
                """)
                .params(chainId, deposit.txHash(), deposit.logIndex(), deposit.blockNumber(), vault, deposit.account(),
                        new BigDecimal(deposit.amount()), Timestamp.from(now))
                .update() == 1;
    }
}
