package com.computemarket.chain.indexing;

import com.computemarket.chain.contracts.DeployedContracts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.web3j.protocol.core.methods.response.Log;

/** The database side of each indexing step: one transaction per step, sources and cursor together. */
@Service
class IndexWriter {

    private final ChainIndexRepository index;
    private final List<IndexedEventSource> sources;
    private final DeployedContracts contracts;
    private final IndexingProperties properties;
    private final Clock clock;

    IndexWriter(ChainIndexRepository index, List<IndexedEventSource> sources, DeployedContracts contracts,
            IndexingProperties properties, Clock clock) {
        this.index = index;
        this.sources = sources;
        this.contracts = contracts;
        this.properties = properties;
        this.clock = clock;
    }

    /** The last indexed block: the cursor, or the block before the contracts were deployed. */
    @Transactional(readOnly = true)
    long lastIndexed() {
        return index.lastIndexed(contracts.chainId()).orElse(contracts.deploymentBlock() - 1);
    }

    @Transactional(readOnly = true)
    Optional<BlockHeader> storedBlock(long number) {
        return index.block(contracts.chainId(), number);
    }

    /**
     * Stores one range: every source's logs, the hashes of its blocks that are recent enough to be reorganised, and
     * the cursor at {@code to}; announces what became safe. Returns how many records were announced.
     */
    @Transactional
    int recordRange(Map<IndexedEventSource, List<Log>> logs, List<BlockHeader> headers, long to, long head) {
        Instant now = clock.instant();
        long chainId = contracts.chainId();
        logs.forEach((source, sourceLogs) -> source.record(sourceLogs, now));
        index.saveBlocks(chainId, headers);
        index.moveCursor(chainId, to, now);
        index.pruneBlocksBelow(chainId, head - properties.trackedBlocks() + 1, to);
        IndexPosition position = new IndexPosition(head, to);
        return sources.stream().mapToInt(source -> source.settle(position, now)).sum();
    }

    /** Sets aside what blocks above {@code forkPoint} produced and moves the cursor back to the fork point. */
    @Transactional
    void rollBack(long forkPoint) {
        Instant now = clock.instant();
        long chainId = contracts.chainId();
        sources.forEach(source -> source.orphanAbove(forkPoint, now));
        index.deleteBlocksAbove(chainId, forkPoint);
        index.moveCursor(chainId, forkPoint, now);
    }

    /** Ends a poll: announces what the head buried deep enough, resolves orphans when caught up, records the head. */
    @Transactional
    int finish(BlockHeader head, long lastIndexed) {
        Instant now = clock.instant();
        long chainId = contracts.chainId();
        index.moveCursor(chainId, lastIndexed, now);
        index.recordHead(chainId, head, now);
        IndexPosition position = new IndexPosition(head.number(), lastIndexed);
        return sources.stream().mapToInt(source -> source.settle(position, now)).sum();
    }
}
