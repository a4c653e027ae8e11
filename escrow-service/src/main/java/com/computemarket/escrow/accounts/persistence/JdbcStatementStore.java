package com.computemarket.escrow.accounts.persistence;

import com.computemarket.escrow.accounts.application.StatementEntry;
import com.computemarket.escrow.accounts.application.StatementStore;
import com.computemarket.escrow.ledger.model.AccountPurpose;
import com.computemarket.escrow.ledger.model.Direction;
import com.computemarket.escrow.ledger.model.TransferKind;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A participant's postings in PostgreSQL, by keyset on the posting id (index {@code posting_account_id_id_idx}). */
@Repository
class JdbcStatementStore implements StatementStore {

    private final JdbcClient jdbc;

    JdbcStatementStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<StatementEntry> postingsOf(String owner, long beforePostingId, int limit) {
        return jdbc.sql("""
                        select p.id, p.direction, p.amount, a.purpose, t.id as transfer_id, t.kind, t.job_id,
                               t.lease_id, t.recorded_at
                        from posting p
                        join account a on a.id = p.account_id
                        join transfer t on t.id = p.transfer_id
                        where a.owner = ? and p.id < ?
                        order by p.id desc
                        limit ?""")
                .params(owner, beforePostingId, limit)
                .query((rs, row) -> new StatementEntry(rs.getLong("id"), rs.getObject("transfer_id", UUID.class),
                        TransferKind.valueOf(rs.getString("kind")), AccountPurpose.valueOf(rs.getString("purpose")),
                        Direction.valueOf(rs.getString("direction")), rs.getBigDecimal("amount").toBigIntegerExact(),
                        rs.getObject("job_id", UUID.class), rs.getObject("lease_id", UUID.class),
                        rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }
}
