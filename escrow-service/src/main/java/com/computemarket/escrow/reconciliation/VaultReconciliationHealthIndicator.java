package com.computemarket.escrow.reconciliation;

import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code vaultReconciliation}, in the {@code ledger} group beside the ledger's invariants: UP
 * while the latest reconciliation found no lasting mismatch, DOWN when it did, UNKNOWN before the first one
 * completes (a chain that cannot be read leaves the latest result, whose {@code checkedAt} then grows old). It reports
 * the latest scheduled check; probes never call the chain.
 */
@Component("vaultReconciliationHealthIndicator")
class VaultReconciliationHealthIndicator implements HealthIndicator {

    private final VaultReconciliation reconciliation;

    VaultReconciliationHealthIndicator(VaultReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Override
    public Health health() {
        Optional<VaultReconciliationResult> latest = reconciliation.latest();
        if (latest.isEmpty()) {
            return Health.unknown().withDetail("reason", "the vault has not been reconciled yet").build();
        }
        VaultReconciliationResult result = latest.get();
        return (result.mismatched() ? Health.down() : Health.up()).withDetails(result.figures()).build();
    }
}
