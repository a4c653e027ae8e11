package com.computemarket.chain.transactions;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code chain.transactions.*}.
 *
 * @param pollInterval pause between two rounds of the sender (send queued, poll receipts, replace stuck)
 * @param stuckAfter a transaction without receipt this long after its latest version was signed is replaced
 * @param feeBumpPercent how much a replacement raises both the tip and the max fee (nodes require at least 10)
 * @param gasMarginPercent added to eth_estimateGas, because state may move between estimate and inclusion
 */
@Validated
@ConfigurationProperties("chain.transactions")
record TransactionProperties(
        @NotNull @DefaultValue("200ms") Duration pollInterval,
        @NotNull @DefaultValue("30s") Duration stuckAfter,
        @Min(TransactionAttempt.MIN_FEE_BUMP_PERCENT) @Max(1000) @DefaultValue("12") int feeBumpPercent,
        @Min(0) @Max(200) @DefaultValue("20") int gasMarginPercent) {
}
