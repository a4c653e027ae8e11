package com.computemarket.escrow.accounts.application;

import com.computemarket.escrow.MarketEventPublisher;
import com.computemarket.escrow.ledger.application.Ledger;
import java.time.Clock;
import org.springframework.util.IdGenerator;

/** Builds the accounts feature's real application services without Spring, for plain tests in other packages. */
public final class AccountsWiring {

    public static DepositService depositService(Ledger ledger) {
        return new DepositService(ledger, new Debts(ledger), new InMemoryDepositReversalStore());
    }

    public static StakeService stakeService(Ledger ledger, StakeStore store, MarketEventPublisher events, Clock clock,
            IdGenerator ids) {
        return new StakeService(ledger, store, events, clock, ids);
    }

    private AccountsWiring() {
    }
}
