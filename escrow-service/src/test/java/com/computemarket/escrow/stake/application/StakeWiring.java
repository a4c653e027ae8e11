package com.computemarket.escrow.stake.application;

import com.computemarket.escrow.MarketEventPublisher;
import com.computemarket.escrow.ledger.application.Ledger;
import java.time.Clock;
import org.springframework.util.IdGenerator;

/** Builds the stake feature's real application services without Spring, for plain tests in other packages. */
public final class StakeWiring {

    public static CollateralService collateralService(Ledger ledger, StakeLifecycleStore store,
            MarketEventPublisher events, StakeProperties properties, LeaseFundingOutcomes fundingOutcomes,
            Clock clock) {
        return new CollateralService(ledger, store, events, properties, fundingOutcomes, clock);
    }

    public static UnbondingService unbondingService(Ledger ledger, StakeLifecycleStore store,
            MarketEventPublisher events, StakeProperties properties, Clock clock, IdGenerator ids) {
        return new UnbondingService(ledger, store, events, properties, clock, ids);
    }

    private StakeWiring() {
    }
}
