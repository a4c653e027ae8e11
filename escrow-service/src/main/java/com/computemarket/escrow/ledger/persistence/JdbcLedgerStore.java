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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger's tables in PostgreSQL: accounts (with their running balance), transfers and postings. A transfer is
 * applied in one round trip by the server-side function {@code ledger_apply_transfer} (migration V57; V41
 * introduced it).
 */
@Repository
class JdbcLedgerStore implements LedgerStore {

    private static final String APPLY_TRANSFER = """
            select out_outcome, out_owner, out_purpose, out_balance
            from ledger_apply_transfer(?, ?, ?, ?, ?, ?, ?::text[], ?::text[], ?::text[], ?::text[])""";

    private final JdbcClient jdbc;

    JdbcLedgerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One round trip: the function checks, locks and writes as {@link LedgerStore#applyOnce} says. Every transfer
     * goes through here, so the call is built without streams and read by column position, and the time is bound as
     * an {@link OffsetDateTime} (pgjdbc formats a {@link java.sql.Timestamp} through a {@code GregorianCalendar}).
     */
    @Override
    public ApplyOutcome applyOnce(Transfer transfer, Map<AccountRef, BigInteger> changes) {
        List<Posting> postings = transfer.postings();
        int count = postings.size();
        String[] owners = new String[count];
        String[] purposes = new String[count];
        String[] directions = new String[count];
        String[] amounts = new String[count];
        for (int i = 0; i < count; i++) {
            Posting posting = postings.get(i);
            owners[i] = posting.account().owner();
            purposes[i] = posting.account().purpose().name();
            directions[i] = posting.direction().name();
            amounts[i] = posting.amount().toString();
        }
        List<FunctionRow> rows = jdbc.sql(APPLY_TRANSFER)
                .params(transfer.id(), transfer.idempotencyKey(), transfer.kind().name(), transfer.jobId(),
                        transfer.leaseId(), transfer.recordedAt().atOffset(ZoneOffset.UTC), owners, purposes,
                        directions, amounts)
                .query(JdbcLedgerStore::functionRow)
                .list();
        FunctionRow first = rows.getFirst();
        return switch (first.outcome()) {
            case "APPLIED" -> {
                Map<AccountRef, BigInteger> balances = HashMap.newHashMap(rows.size());
                for (FunctionRow row : rows) {
                    balances.put(row.account(), row.balance());
                }
                yield new Applied(balances);
            }
            case "RECORDED" -> new AlreadyRecorded();
            case "OVERDRAWN" -> new Overdrawn(first.account(), first.balance());
            default -> throw new IllegalStateException("ledger_apply_transfer answered " + first.outcome());
        };
    }

    /** A row of ledger_apply_transfer's answer, by the column positions of {@link #APPLY_TRANSFER}. */
    private static FunctionRow functionRow(ResultSet rs, int row) throws SQLException {
        String owner = rs.getString(2);
        BigDecimal balance = rs.getBigDecimal(4);
        return new FunctionRow(rs.getString(1),
                owner == null ? null : new AccountRef(owner, AccountPurpose.valueOf(rs.getString(3))),
                balance == null ? null : balance.toBigIntegerExact());
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
