package com.computemarket.escrow.withdrawals.application;

import com.computemarket.escrow.ChainProperties;
import com.computemarket.escrow.MarketEventPublisher;
import com.computemarket.escrow.accounts.application.Debts;
import com.computemarket.escrow.ledger.application.Ledger;
import java.time.Clock;
import org.springframework.util.IdGenerator;

/** Builds the withdrawals feature's real application service without Spring, for plain tests in other packages. */
public final class WithdrawalsWiring {

    public static WithdrawalService withdrawalService(Ledger ledger, Debts debts, WithdrawalStore store,
            MarketEventPublisher events, ChainProperties chain, Clock clock, IdGenerator ids) {
        return new WithdrawalService(ledger, debts, store, events, chain, clock, ids);
    }

    private WithdrawalsWiring() {
    }
}
