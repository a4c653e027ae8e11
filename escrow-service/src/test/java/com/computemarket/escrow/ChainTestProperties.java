package com.computemarket.escrow;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points vault reconciliation at the JVM's real Anvil and its test token. Reconciliation runs at start-up and
 * then only when a test asks: the other tests move ledger money without touching the chain. Lease metering and the
 * ledger invariant check, likewise, run (after start-up) only when a test asks.
 */
@TestConfiguration(proxyBeanMethods = false)
class ChainTestProperties {

    @Bean
    DynamicPropertyRegistrar anvilForReconciliation() {
        return registry -> {
            registry.add("escrow.reconciliation.rpc-url", () -> TestChain.anvil().rpcUrl());
            registry.add("escrow.reconciliation.token", TestChain::token);
            registry.add("escrow.reconciliation.check-interval", () -> "1h");
            // Metering tests drive metering at chosen instants; a background pass on the real clock would slip
            // accruals between their steps (a CI run once saw one land in the middle of a re-listing's transfers).
            registry.add("escrow.leases.accrual-interval", () -> "1h");
            // LedgerInvariantsHealthTest counts the checks it runs and reads the latest outcome; a background check
            // on the real clock (every 30 s) would add one between its count and its check.
            registry.add("escrow.invariants.check-interval", () -> "1h");
        };
    }
}
