package com.computemarket.escrow.ledger.health;

import com.computemarket.escrow.ledger.application.InvariantCheck;
import com.computemarket.escrow.ledger.application.InvariantCheck.Violation;
import com.computemarket.escrow.ledger.application.LedgerInvariants;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code ledgerInvariants}: UP while the latest check found the ledger sound, DOWN naming each
 * violated invariant with its figures. It reports the latest scheduled check rather than scanning the ledger on
 * every probe, so that frequent health polls cannot load the database. Not part of liveness or readiness: a
 * restart cannot mend a ledger, and refusing traffic would stop settlements that are themselves sound.
 */
@Component("ledgerInvariantsHealthIndicator")
class LedgerInvariantsHealthIndicator implements HealthIndicator {

    private final LedgerInvariants invariants;

    LedgerInvariantsHealthIndicator(LedgerInvariants invariants) {
        this.invariants = invariants;
    }

    @Override
    public Health health() {
        Optional<InvariantCheck> latest = invariants.latest();
        if (latest.isEmpty()) {
            return Health.unknown().withDetail("reason", "the ledger has not been checked yet").build();
        }
        InvariantCheck check = latest.get();
        Health.Builder health = check.passed() ? Health.up() : Health.down();
        health.withDetail("checkedAt", check.checkedAt().toString());
        for (Violation violation : check.violations()) {
            health.withDetail(violation.invariant().healthName(), violation.figures());
        }
        return health.build();
    }
}
