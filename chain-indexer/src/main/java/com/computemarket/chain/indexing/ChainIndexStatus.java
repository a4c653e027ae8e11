package com.computemarket.chain.indexing;

import java.time.Duration;
import java.time.Instant;

/**
 * How far the index has come, as of the last poll. {@code head} and its time are null before the first poll
 * completes; {@code lastIndexedTime} is null when the last indexed block's hash is not stored (an index upgraded
 * from before block tracking).
 *
 * @param safeBlock blocks up to here are SAFE: {@code chain.confirmations} deep, announced
 * @param finalBlock blocks up to here are FINAL: {@code chain.indexing.finality-depth} deep
 */
public record ChainIndexStatus(long chainId, Long head, Instant headTime, long lastIndexed, Instant lastIndexedTime,
        Long safeBlock, Long finalBlock, int confirmations, int finalityDepth, Instant polledAt) {

    /** Blocks between the head and the last indexed block; null before the first poll. */
    public Long lagBlocks() {
        return head == null ? null : Math.max(0, head - lastIndexed);
    }

    /** Chain time between the head and the last indexed block; null when either time is unknown. */
    public Long lagSeconds() {
        if (headTime == null || lastIndexedTime == null) {
            return null;
        }
        return Math.max(0, Duration.between(lastIndexedTime, headTime).toSeconds());
    }

    /** SEEN, SAFE or FINAL for a record in {@code block} that is on the canonical chain. */
    public Tier tierOf(long block) {
        if (finalBlock != null && block <= finalBlock) {
            return Tier.FINAL;
        }
        if (safeBlock != null && block <= safeBlock) {
            return Tier.SAFE;
        }
        return Tier.SEEN;
    }

    /** How settled a record on the canonical chain is. */
    public enum Tier {
        /** Indexed; a shallow reorg may still remove it silently. */
        SEEN,
        /** At the confirmation depth: announced to the market; only a deeper reorg reverses it. */
        SAFE,
        /** At the finality depth: treated as permanent. */
        FINAL
    }
}
