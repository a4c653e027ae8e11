package com.computemarket.matching.auction.application;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param collateralBps share of a lease's value (basis points) that escrow locks from its provider's free stake while
 *                      the lease runs. MUST equal escrow-service's {@code escrow.stake.collateral-bps} (both default
 *                      to 1000): matching admits a bidder only if its free stake covers that share, and counts it as
 *                      locked for each of the provider's active leases
 */
@Validated
@ConfigurationProperties("matching.eligibility")
public record EligibilityProperties(@DefaultValue("1000") @Min(0) @Max(10_000) int collateralBps) {
}
