package com.computemarket.escrow.reconciliation;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the ledger says the vault holds, read in one statement so both figures come from one snapshot. */
@Repository
class LedgerVaultFigures {

    private final JdbcClient jdbc;

    LedgerVaultFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The vault mirror's balance and the total of withdrawals accepted but not yet paid out. */
    Figures read() {
        return jdbc.sql("""
                        select coalesce(sum(balance) filter (where purpose = 'VAULT_MIRROR'), 0) as vault_mirror,
                               coalesce(sum(balance) filter (where purpose = 'PENDING_WITHDRAWAL'), 0) as pending
                        from account where purpose in ('VAULT_MIRROR', 'PENDING_WITHDRAWAL')""")
                .query((rs, row) -> new Figures(integer(rs.getBigDecimal("vault_mirror")),
                        integer(rs.getBigDecimal("pending"))))
                .single();
    }

    private static BigInteger integer(BigDecimal value) {
        return value.toBigIntegerExact();
    }

    record Figures(BigInteger vaultMirror, BigInteger pendingWithdrawals) {
    }
}
