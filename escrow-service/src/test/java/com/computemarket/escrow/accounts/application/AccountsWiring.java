package com.computemarket.escrow.accounts.application;

import com.computemarket.escrow.MarketEventPublisher;
import com.computemarket.escrow.ledger.application.Ledger;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.util.IdGenerator;

/** Builds the accounts feature's real application services without Spring, for plain tests in other packages. */
public final class AccountsWiring {

    public static DepositService depositService(Ledger ledger) {
        return depositService(ledger, new InMemoryDepositReversalStore());
    }

    public static DepositService depositService(Ledger ledger, DepositReversalStore reversals) {
        return new DepositService(ledger, debts(ledger), reversals);
    }

    public static DepositReversalService depositReversalService(Ledger ledger, DepositReversalStore reversals,
            Clock clock, MeterRegistry meters) {
        return new DepositReversalService(ledger, debts(ledger), reversals, clock, meters);
    }

    public static Debts debts(Ledger ledger) {
        return new Debts(ledger);
    }

    public static StakeService stakeService(Ledger ledger, StakeStore store, MarketEventPublisher events, Clock clock,
            IdGenerator ids) {
        return new StakeService(ledger, store, events, clock, ids);
    }

    private AccountsWiring() {
    }
}
