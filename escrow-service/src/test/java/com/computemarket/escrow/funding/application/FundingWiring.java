package com.computemarket.escrow.funding.application;

import com.computemarket.escrow.EscrowProperties;
import com.computemarket.escrow.MarketEventPublisher;
import com.computemarket.escrow.ledger.application.Ledger;
import java.time.Clock;
import org.springframework.util.IdGenerator;

/** Builds the funding feature's real application services without Spring, for plain tests in other packages. */
public final class FundingWiring {

    public static LeaseMeter leaseMeter(FundingStore store, Ledger ledger, MarketEventPublisher events,
            EscrowProperties properties, LeaseFundingProperties leases, IdGenerator ids) {
        return new LeaseMeter(store, ledger, events, leases, properties, ids);
    }

    public static FundingService fundingService(FundingStore store, Ledger ledger, MarketEventPublisher events,
            EscrowProperties properties, LeaseFundingProperties leases, LeaseMeter meter, Clock clock,
            IdGenerator ids) {
        return new FundingService(store, ledger, events, properties, leases, meter, clock, ids);
    }

    private FundingWiring() {
    }
}
