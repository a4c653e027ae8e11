package com.computemarket.escrow.stake.application;

import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import java.math.BigInteger;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** A provider's stake as it sees it. */
@Service
public class StakeQueries {

    /** How many recent unbondings and slashes a status lists. */
    static final int RECENT = 50;

    private final Ledger ledger;
    private final StakeLifecycleStore store;

    StakeQueries(Ledger ledger, StakeLifecycleStore store) {
        this.ledger = ledger;
        this.store = store;
    }

    /** One consistent snapshot of the provider's stake. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public StakeStatus statusOf(String provider) {
        BigInteger free = ledger.balanceOf(AccountRef.stake(provider));
        BigInteger locked = ledger.balanceOf(AccountRef.stakeLocked(provider));
        return new StakeStatus(provider, free, locked, ledger.balanceOf(AccountRef.stakeUnbonding(provider)),
                free.add(locked), store.unbondingsOf(provider, RECENT), store.slashesOf(provider, RECENT));
    }
}
