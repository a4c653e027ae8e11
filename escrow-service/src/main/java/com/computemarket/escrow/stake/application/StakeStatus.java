package com.computemarket.escrow.stake.application;

import com.computemarket.escrow.stake.model.SlashRecord;
import com.computemarket.escrow.stake.model.Unbonding;
import java.math.BigInteger;
import java.util.List;

/**
 * A provider's stake at one instant: free (bondable, unbondable, lockable), locked as collateral by its leases, and
 * unbonding; {@code totalBonded = free + locked}. Recent unbondings and slashes, newest first.
 */
public record StakeStatus(String provider, BigInteger free, BigInteger lockedCollateral, BigInteger unbonding,
        BigInteger totalBonded, List<Unbonding> unbondings, List<SlashRecord> slashes) {
}
