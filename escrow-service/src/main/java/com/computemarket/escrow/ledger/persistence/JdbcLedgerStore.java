package com.computemarket.escrow.ledger.persistence;

import com.computemarket.escrow.ledger.application.LedgerStore;
import com.computemarket.escrow.ledger.model.AccountPurpose;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.Direction;
import com.computemarket.escrow.ledger.model.Posting;
import com.computemarket.escrow.ledger.model.Transfer;
import com.computemarket.escrow.ledger.model.TransferKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger's tables in PostgreSQL: accounts (with their running balance), transfers and postings. */
@Repository
class JdbcLedgerStore implements LedgerStore {

    private final JdbcClient jdbc;

    JdbcLedgerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<AccountRef, BigInteger> lockBalances(Collection<AccountRef> accounts) {
        List<AccountRef> ordered = accounts.stream().sorted().distinct().toList();
        String tuples = ordered.stream().map(account -> "(?, ?)").collect(Collectors.joining(", "));
        List<Object> params = new ArrayList<>();
        ordered.forEach(account -> {
            params.add(account.owner());
            params.add(account.purpose().name());
        });
        Map<AccountRef, BigInteger> balances = new HashMap<>();
        jdbc.sql("select owner, purpose, balance from account where (owner, purpose) in (" + tuples + ")"
                        + " order by owner, purpose for update")
                .params(params)
                .query((rs, row) -> balances.put(accountOf(rs), rs.getBigDecimal("balance").toBigIntegerExact()))
                .list();
        return balances;
    }

    @Override
    public Optional<Transfer> findTransferByKey(String idempotencyKey) {
        return jdbc.sql("select id from transfer where idempotency_key = ?")
                .param(idempotencyKey)
                .query(UUID.class)
                .optional()
                .map(this::loadTransfer);
    }

    @Override
    public List<Transfer> findTransfersOfJob(UUID jobId) {
        return jdbc.sql("select id from transfer where job_id = ? order by seq")
                .param(jobId)
                .query(UUID.class)
                .list()
                .stream()
                .map(this::loadTransfer)
                .toList();
    }

    @Override
    public void insertTransfer(Transfer transfer) {
        jdbc.sql("""
                        insert into transfer (id, idempotency_key, kind, job_id, lease_id, recorded_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(transfer.id(), transfer.idempotencyKey(), transfer.kind().name(), transfer.jobId(),
                        transfer.leaseId(), Timestamp.from(transfer.recordedAt()))
                .update();
    }

    @Override
    public void openAccounts(Collection<AccountRef> accounts) {
        accounts.stream().sorted().distinct().forEach(account -> jdbc
                .sql("insert into account (owner, purpose) values (?, ?) on conflict (owner, purpose) do nothing")
                .params(account.owner(), account.purpose().name())
                .update());
    }

    @Override
    public AccountBalance changeBalance(AccountRef account, BigInteger change) {
        return jdbc.sql("update account set balance = balance + ? where owner = ? and purpose = ? returning id, balance")
                .params(new BigDecimal(change), account.owner(), account.purpose().name())
                .query((rs, row) -> new AccountBalance(rs.getLong("id"),
                        rs.getBigDecimal("balance").toBigIntegerExact()))
                .single();
    }

    @Override
    public void insertPosting(UUID transferId, long accountId, Posting posting) {
        jdbc.sql("insert into posting (transfer_id, account_id, direction, amount) values (?, ?, ?, ?)")
                .params(transferId, accountId, posting.direction().name(), new BigDecimal(posting.amount()))
                .update();
    }

    @Override
    public BigInteger balanceOf(AccountRef account) {
        return jdbc.sql("select balance from account where owner = ? and purpose = ?")
                .params(account.owner(), account.purpose().name())
                .query(BigDecimal.class)
                .optional()
                .map(BigDecimal::toBigIntegerExact)
                .orElse(BigInteger.ZERO);
    }

    private Transfer loadTransfer(UUID id) {
        Transfer header = jdbc.sql("select id, idempotency_key, kind, job_id, lease_id, recorded_at from transfer where id = ?")
                .param(id)
                .query((rs, row) -> new Transfer(
                        rs.getObject("id", UUID.class),
                        rs.getString("idempotency_key"),
                        TransferKind.valueOf(rs.getString("kind")),
                        rs.getObject("job_id", UUID.class),
                        rs.getObject("lease_id", UUID.class),
                        rs.getTimestamp("recorded_at").toInstant(),
                        List.of()))
                .single();
        List<Posting> postings = jdbc.sql("""
                        select a.owner, a.purpose, p.direction, p.amount
                        from posting p join account a on a.id = p.account_id
                        where p.transfer_id = ? order by p.id""")
                .param(id)
                .query((rs, row) -> new Posting(accountOf(rs), Direction.valueOf(rs.getString("direction")),
                        rs.getBigDecimal("amount").toBigIntegerExact()))
                .list();
        return new Transfer(header.id(), header.idempotencyKey(), header.kind(), header.jobId(), header.leaseId(),
                header.recordedAt(), postings);
    }

    private static AccountRef accountOf(ResultSet rs) throws SQLException {
        return new AccountRef(rs.getString("owner"), AccountPurpose.valueOf(rs.getString("purpose")));
    }
}
