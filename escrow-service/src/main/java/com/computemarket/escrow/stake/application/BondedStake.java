package com.computemarket.escrow.stake.application;

import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import java.math.BigInteger;

/**
 * What the market counts as a provider's bonded stake: its free stake plus the collateral its leases locked (locking
 * moves stake, it does not reduce it). Stake that is unbonding no longer counts.
 */
public final class BondedStake {

    public static BigInteger of(Ledger ledger, String provider) {
        return ledger.balanceOf(AccountRef.stake(provider)).add(ledger.balanceOf(AccountRef.stakeLocked(provider)));
    }

    private BondedStake() {
    }
}
