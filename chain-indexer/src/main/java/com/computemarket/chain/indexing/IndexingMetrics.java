package com.computemarket.chain.indexing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Indexer meters: {@code chain.indexer.lag.blocks} (head minus last indexed block, as of the last poll),
 * {@code chain.indexer.lag.seconds} (chain time between the two),
 * {@code chain.indexer.head} and {@code chain.indexer.last.indexed}, blocks and logs indexed, reorgs and their depth.
 */
@Component
class IndexingMetrics {

    private final AtomicLong head = new AtomicLong(-1);
    private final AtomicLong lastIndexed = new AtomicLong(-1);
    private final AtomicLong lagSeconds = new AtomicLong(0);
    private final Counter blocks;
    private final Counter logs;
    private final DistributionSummary reorgDepth;

    IndexingMetrics(MeterRegistry registry) {
        Gauge.builder("chain.indexer.lag.blocks", this, metrics -> metrics.lagBlocks())
                .description("Blocks between the node's head and the last indexed block, as of the last poll")
                .baseUnit("blocks")
                .register(registry);
        Gauge.builder("chain.indexer.lag.seconds", lagSeconds, AtomicLong::get)
                .description("Chain time between the node's head and the last indexed block, as of the last poll")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("chain.indexer.head", head, AtomicLong::get).register(registry);
        Gauge.builder("chain.indexer.last.indexed", lastIndexed, AtomicLong::get).register(registry);
        this.blocks = Counter.builder("chain.indexer.blocks").baseUnit("blocks").register(registry);
        this.logs = Counter.builder("chain.indexer.logs").baseUnit("logs").register(registry);
        this.reorgDepth = DistributionSummary.builder("chain.indexer.reorgs")
                .description("Reorganisations seen, by number of blocks rolled back")
                .baseUnit("blocks")
                .register(registry);
    }

    long lagBlocks() {
        long knownHead = head.get();
        return knownHead < 0 ? 0 : Math.max(0, knownHead - lastIndexed.get());
    }

    /** {@code indexedToTime} is the last indexed block's time, null when its header is not stored. */
    void indexed(BlockHeader polledHead, long indexedTo, Instant indexedToTime) {
        head.set(polledHead.number());
        lastIndexed.set(indexedTo);
        lagSeconds.set(indexedToTime == null ? 0
                : Math.max(0, Duration.between(indexedToTime, polledHead.time()).toSeconds()));
    }

    void rangeIndexed(int blockCount, int logCount) {
        blocks.increment(blockCount);
        logs.increment(logCount);
    }

    void reorg(long depth) {
        reorgDepth.record(depth);
    }
}
