package com.computemarket.chain.indexing;

import java.time.Duration;

/**
 * How many blocks the next eth_getLogs call asks for. It doubles while the node answers fast with few logs, halves
 * when an answer is slow, large or refused, and stays within 1..{@code chain.max-block-range}. Nodes differ (Anvil answers 10,000
 * empty blocks in milliseconds; hosted nodes refuse more than 10,000 logs or a few MB per call), so the size is
 * learned rather than configured.
 */
final class AdaptiveBlockRange {

    private final IndexingProperties.Backfill limits;
    private final int maxRange;
    private int size;

    AdaptiveBlockRange(IndexingProperties.Backfill limits, int maxRange) {
        this.limits = limits;
        this.maxRange = maxRange;
        this.size = Math.min(limits.initialRange(), maxRange);
    }

    int size() {
        return size;
    }

    /** Adjusts the next size after a range of {@code blocks} answered with {@code logs} logs in {@code took}. */
    void answered(int blocks, int logs, Duration took) {
        if (logs > limits.maxLogsPerResponse() || took.compareTo(limits.slowResponse()) > 0) {
            size = Math.max(1, Math.min(size, blocks) / 2);
        } else if (blocks >= size && logs <= limits.maxLogsPerResponse() / 2
                && took.compareTo(limits.fastResponse()) < 0) {
            size = (int) Math.min((long) size * 2, maxRange);
        }
    }

    /**
     * The node refused or did not answer a range of {@code blocks}: the next try asks for half of it. False when the
     * range was a single block already, so shrinking cannot help and the caller should give up for now.
     */
    boolean refused(int blocks) {
        if (blocks <= 1) {
            size = 1;
            return false;
        }
        size = Math.max(1, Math.min(size, blocks) / 2);
        return true;
    }
}
