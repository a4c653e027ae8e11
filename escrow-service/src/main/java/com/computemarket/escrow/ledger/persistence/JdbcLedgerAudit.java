package com.computemarket.escrow.ledger.persistence;

import com.computemarket.escrow.ledger.application.LedgerAudit;
import com.computemarket.escrow.ledger.application.LedgerFigures;
import com.computemarket.escrow.ledger.application.LedgerFigures.AccountFigures;
import com.computemarket.escrow.ledger.application.LedgerFigures.OrphanPosting;
import com.computemarket.escrow.ledger.application.LedgerFigures.UnbalancedTransfer;
import com.computemarket.escrow.ledger.model.AccountPurpose;
import com.computemarket.escrow.ledger.model.AccountRef;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the ledger's figures straight from the tables. Each figure is a full scan, which is fine at the check
 * interval for now; a ledger of many millions of postings would want checkpointed totals instead.
 */
@Repository
class JdbcLedgerAudit implements LedgerAudit {

    /** Signed amount of a posting: what it adds to its account's balance. */
    private static final String SIGNED_AMOUNT = "case p.direction when 'CREDIT' then p.amount else -p.amount end";

    private final JdbcClient jdbc;

    JdbcLedgerAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // REPEATABLE READ gives every query below the same snapshot in PostgreSQL; under READ COMMITTED a transfer
    // committing between two queries would show up as a violation that never existed.
    @Override
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public LedgerFigures figures() {
        BigInteger[] totals = jdbc.sql("""
                        select coalesce(sum(p.amount) filter (where p.direction = 'DEBIT'), 0) as debits,
                               coalesce(sum(p.amount) filter (where p.direction = 'CREDIT'), 0) as credits
                        from posting p""")
                .query((rs, row) -> new BigInteger[] {integer(rs.getBigDecimal("debits")),
                        integer(rs.getBigDecimal("credits"))})
                .single();

        AtomicLong unbalancedCount = new AtomicLong();
        List<UnbalancedTransfer> unbalanced = jdbc.sql("""
                        select transfer_id, net, count(*) over () as offenders from (
                            select p.transfer_id, sum(%s) as net from posting p group by p.transfer_id
                        ) t where net <> 0 order by transfer_id limit ?""".formatted(SIGNED_AMOUNT))
                .param(LedgerFigures.SAMPLE_SIZE)
                .query((rs, row) -> {
                    unbalancedCount.set(rs.getLong("offenders"));
                    return new UnbalancedTransfer(rs.getObject("transfer_id", UUID.class),
                            integer(rs.getBigDecimal("net")));
                })
                .list();

        AtomicLong mismatchedCount = new AtomicLong();
        AtomicLong overdrawnCount = new AtomicLong();
        List<AccountFigures> outOfLine = new ArrayList<>(jdbc.sql("""
                        with posted as (
                            select p.account_id, sum(%s) as balance from posting p group by p.account_id
                        ), compared as (
                            select a.owner, a.purpose, a.balance as stored, coalesce(posted.balance, 0) as posted
                            from account a left join posted on posted.account_id = a.id
                        ), flagged as (
                            select *, stored <> posted as mismatched,
                                   purpose not in ('VAULT_MIRROR', 'RECEIVABLE') and (stored < 0 or posted < 0) as overdrawn
                            from compared
                        )
                        select owner, purpose, stored, posted,
                               count(*) filter (where mismatched) over () as mismatched_count,
                               count(*) filter (where overdrawn) over () as overdrawn_count
                        from flagged where mismatched or overdrawn
                        order by owner, purpose limit ?""".formatted(SIGNED_AMOUNT))
                .param(LedgerFigures.SAMPLE_SIZE)
                .query((rs, row) -> {
                    mismatchedCount.set(rs.getLong("mismatched_count"));
                    overdrawnCount.set(rs.getLong("overdrawn_count"));
                    return new AccountFigures(
                            new AccountRef(rs.getString("owner"), AccountPurpose.valueOf(rs.getString("purpose"))),
                            integer(rs.getBigDecimal("stored")), integer(rs.getBigDecimal("posted")));
                })
                .list());

        BigInteger[] balances = jdbc.sql("""
                        select coalesce(sum(balance) filter (where purpose <> 'VAULT_MIRROR'), 0) as non_vault,
                               coalesce(sum(balance) filter (where purpose = 'VAULT_MIRROR'), 0) as vault
                        from account""")
                .query((rs, row) -> new BigInteger[] {integer(rs.getBigDecimal("non_vault")),
                        integer(rs.getBigDecimal("vault"))})
                .single();

        // No foreign key keeps postings pointing at recorded rows (V58), so this looks for those that do not.
        AtomicLong orphanCount = new AtomicLong();
        List<OrphanPosting> orphans = jdbc.sql("""
                        select p.id, p.transfer_id, t.id is null as transfer_missing, p.account_id,
                               a.id is null as account_missing, count(*) over () as offenders
                        from posting p
                        left join transfer t on t.id = p.transfer_id
                        left join account a on a.id = p.account_id
                        where t.id is null or a.id is null
                        order by p.id limit ?""")
                .param(LedgerFigures.SAMPLE_SIZE)
                .query((rs, row) -> {
                    orphanCount.set(rs.getLong("offenders"));
                    return new OrphanPosting(rs.getLong("id"), rs.getObject("transfer_id", UUID.class),
                            rs.getBoolean("transfer_missing"), rs.getLong("account_id"),
                            rs.getBoolean("account_missing"));
                })
                .list();

        return new LedgerFigures(totals[0], totals[1], unbalancedCount.get(), unbalanced, mismatchedCount.get(),
                overdrawnCount.get(), outOfLine, balances[0], balances[1], orphanCount.get(), orphans);
    }

    private static BigInteger integer(BigDecimal amount) {
        return amount.toBigIntegerExact();
    }
}
