package com.computemarket.escrow.funding.application;

import com.computemarket.escrow.funding.model.FundingTerms;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How escrow keeps running leases funded ({@code escrow.leases.*}).
 *
 * @param prefundPeriod   how far ahead a lease's escrow is funded (from the hold at award, then topped up)
 * @param accrualInterval pause between two meterings of the running leases
 * @param gracePeriod     how long a paused lease waits for a top-up before it lapses
 * @param batchSize       how many leases one metering pass reads at a time
 */
@Validated
@ConfigurationProperties("escrow.leases")
public record LeaseFundingProperties(
        @DefaultValue("1h") @NotNull Duration prefundPeriod,
        @DefaultValue("15s") @NotNull Duration accrualInterval,
        @DefaultValue("10m") @NotNull Duration gracePeriod,
        @DefaultValue("200") @Min(1) @Max(10_000) int batchSize) {

    public FundingTerms terms() {
        return new FundingTerms(prefundPeriod, accrualInterval, gracePeriod);
    }
}
