package com.computemarket.chain.indexing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code chain.indexing.*}. The confirmation depth (SAFE) stays {@code chain.confirmations}.
 *
 * @param finalityDepth blocks a record must be buried under to count as FINAL. Anvil's {@code finalized} tag is
 *                      always the genesis block, so the depth is configured rather than asked from the node
 * @param trackedBlocks how many recent blocks keep their hash for reorg detection; a reorg deeper than this cannot be
 *                      traced to its fork point, so it must exceed the finality depth
 * @param backfill adaptive eth_getLogs ranges
 */
@Validated
@ConfigurationProperties("chain.indexing")
public record IndexingProperties(
        @Min(1) @DefaultValue("64") int finalityDepth,
        @Min(2) @DefaultValue("256") int trackedBlocks,
        @Valid @NotNull @DefaultValue Backfill backfill) {

    @AssertTrue(message = "tracked-blocks must exceed finality-depth, or a reorg short of finality could go unseen")
    public boolean isTrackingDeeperThanFinality() {
        return trackedBlocks > finalityDepth;
    }

    /**
     * @param initialRange blocks asked for in the first eth_getLogs call (the upper bound, however fast the node
     *                     answers, is {@code chain.max-block-range})
     * @param fastResponse a range answered faster than this (and with fewer than {@code maxLogsPerResponse} / 2
     *                     logs) doubles the next range
     * @param slowResponse a range answered slower than this halves the next range
     * @param maxLogsPerResponse a range that returned more logs than this halves the next range (nodes cap
     *                           responses at 10,000 logs or a few MB)
     */
    public record Backfill(
            @Min(1) @DefaultValue("100") int initialRange,
            @NotNull @DefaultValue("300ms") Duration fastResponse,
            @NotNull @DefaultValue("2s") Duration slowResponse,
            @Min(1) @DefaultValue("10000") int maxLogsPerResponse) {
    }
}
