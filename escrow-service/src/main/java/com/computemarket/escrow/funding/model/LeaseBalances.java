package com.computemarket.escrow.funding.model;

import java.math.BigInteger;

/**
 * A lease's ledger balances, read under the lease's lock.
 *
 * @param escrow             the lease's escrow: funded, not yet earned
 * @param earned             accrued to the provider, paid out (less the fee) when the work is verified
 * @param consumerAvailable  the consumer's available balance, where top-ups come from
 */
public record LeaseBalances(BigInteger escrow, BigInteger earned, BigInteger consumerAvailable) {

    /** Everything the lease still holds for its consumer and provider. */
    public BigInteger inLease() {
        return escrow.add(earned);
    }
}
