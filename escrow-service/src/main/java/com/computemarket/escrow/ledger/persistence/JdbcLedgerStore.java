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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger's tables in PostgreSQL: accounts (with their running balance), transfers and postings. A transfer is
 * applied in one round trip by the server-side function {@code ledger_apply_transfer} (migration V57; V41
 * introduced it).
 */
@Repository
class JdbcLedgerStore implements LedgerStore {

    private final JdbcClient jdbc;

    JdbcLedgerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One round trip: the function checks, locks and writes as {@link LedgerStore#applyOnce} says. */
    @Override
    public ApplyOutcome applyOnce(Transfer transfer, Map<AccountRef, BigInteger> changes) {
        List<Posting> postings = transfer.postings();
        String[] owners = postings.stream().map(posting -> posting.account().owner()).toArray(String[]::new);
        String[] purposes = postings.stream().map(posting -> posting.account().purpose().name()).toArray(String[]::new);
        String[] directions = postings.stream().map(posting -> posting.direction().name()).toArray(String[]::new);
        String[] amounts = postings.stream().map(posting -> posting.amount().toString()).toArray(String[]::new);
        List<FunctionRow> rows = jdbc.sql("""
                        select out_outcome, out_owner, out_purpose, out_balance
                        from ledger_apply_transfer(?, ?, ?, ?, ?, ?, ?::text[], ?::text[], ?::text[], ?::text[])""")
                .params(transfer.id(), transfer.idempotencyKey(), transfer.kind().name(), transfer.jobId(),
                        transfer.leaseId(), Timestamp.from(transfer.recordedAt()), owners, purposes, directions,
                        amounts)
                .query((rs, row) -> new FunctionRow(rs.getString("out_outcome"),
                        rs.getString("out_owner") == null ? null : accountOf(rs, "out_owner", "out_purpose"),
                        rs.getBigDecimal("out_balance") == null ? null
                                : rs.getBigDecimal("out_balance").toBigIntegerExact()))
                .list();
        String outcome = rows.getFirst().outcome();
        return switch (outcome) {
            case "APPLIED" -> new Applied(rows.stream()
                    .collect(Collectors.toMap(FunctionRow::account, FunctionRow::balance)));
            case "RECORDED" -> new AlreadyRecorded();
            case "OVERDRAWN" -> new Overdrawn(rows.getFirst().account(), rows.getFirst().balance());
            default -> throw new IllegalStateException("ledger_apply_transfer answered " + outcome);
        };
    }

    @Override
    public Map<AccountRef, BigInteger> openAndLock(Collection<AccountRef> accounts) {
        List<AccountRef> distinct = accounts.stream().distinct().toList();
        String[] owners = distinct.stream().map(AccountRef::owner).toArray(String[]::new);
        String[] purposes = distinct.stream().map(account -> account.purpose().name()).toArray(String[]::new);
        jdbc.sql("""
                        insert into account (owner, purpose)
                        select owner, purpose from unnest(?::text[], ?::text[]) as wanted(owner, purpose)
                        order by owner, purpose
                        on conflict (owner, purpose) do nothing""")
                .params(owners, purposes)
                .update();
        // The same order as ledger_apply_transfer locks in, in the database's collation, so the two never deadlock.
        Map<AccountRef, BigInteger> balances = new HashMap<>();
        jdbc.sql("""
                        select a.owner, a.purpose, a.balance from account a
                        join unnest(?::text[], ?::text[]) as wanted(owner, purpose)
                          on a.owner = wanted.owner and a.purpose = wanted.purpose
                        order by a.owner, a.purpose
                        for update of a""")
                .params(owners, purposes)
                .query((rs, row) -> balances.put(accountOf(rs, "owner", "purpose"),
                        rs.getBigDecimal("balance").toBigIntegerExact()))
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
        return accountOf(rs, "owner", "purpose");
    }

    private static AccountRef accountOf(ResultSet rs, String ownerColumn, String purposeColumn) throws SQLException {
        return new AccountRef(rs.getString(ownerColumn), AccountPurpose.valueOf(rs.getString(purposeColumn)));
    }

    /** One row of ledger_apply_transfer's answer; account and balance are absent for RECORDED. */
    private record FunctionRow(String outcome, AccountRef account, BigInteger balance) {
    }
}
