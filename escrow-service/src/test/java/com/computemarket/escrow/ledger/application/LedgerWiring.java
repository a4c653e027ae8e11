package com.computemarket.escrow.ledger.application;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.util.IdGenerator;

/** Builds the ledger's real application services without Spring, for plain tests in other packages. */
public final class LedgerWiring {

    public static Ledger ledger(LedgerStore store, Clock clock, IdGenerator ids) {
        return new Ledger(store, clock, ids);
    }

    public static LedgerInvariants invariants(LedgerAudit audit, Clock clock, MeterRegistry meters) {
        return new LedgerInvariants(audit, clock, meters);
    }

    private LedgerWiring() {
    }
}
