package com.computemarket.escrow.funding.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How escrow keeps running leases funded.
 *
 * @param prefundPeriod   how far ahead a lease's escrow is funded: at award from the hold, then topped up from the
 *                        consumer's available balance as it accrues
 * @param accrualInterval how often running leases accrue; a lease whose escrow cannot pay for the next interval
 *                        pauses, so that no lease runs unpaid between two accruals
 * @param gracePeriod     how long a paused lease waits for a top-up before it lapses
 */
public record FundingTerms(Duration prefundPeriod, Duration accrualInterval, Duration gracePeriod) {

    public FundingTerms {
        Objects.requireNonNull(prefundPeriod, "prefundPeriod");
        Objects.requireNonNull(accrualInterval, "accrualInterval");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (prefundPeriod.toSeconds() < 1 || accrualInterval.toSeconds() < 1 || gracePeriod.isNegative()) {
            throw new IllegalArgumentException("prefund period and accrual interval must be at least a second, "
                    + "the grace period not negative");
        }
    }
}
