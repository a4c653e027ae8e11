package com.computemarket.escrow.accounts.application;

import com.computemarket.escrow.funding.application.FundingQueries;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Balances as a participant sees them. */
@Service
public class AccountQueries {

    private final Ledger ledger;
    private final FundingQueries funding;

    AccountQueries(Ledger ledger, FundingQueries funding) {
        this.ledger = ledger;
        this.funding = funding;
    }

    /** One consistent snapshot of the participant's balances (held and lease escrow summed over its jobs). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public AccountOverview overviewOf(String address) {
        return new AccountOverview(address,
                ledger.balanceOf(AccountRef.available(address)),
                funding.heldFor(address),
                funding.leaseEscrowFor(address),
                funding.earnedUnsettledFor(address),
                ledger.balanceOf(AccountRef.stake(address)),
                ledger.balanceOf(AccountRef.pendingWithdrawal(address)),
                // The receivable runs negative by the debt.
                ledger.balanceOf(AccountRef.receivable(address)).negate());
    }
}
