package com.computemarket.chain.indexing;

import com.computemarket.chain.ChainProperties;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Follows the chain. Each poll: (1) compares the stored hash of the last indexed block with the canonical chain and,
 * if they differ, walks parent hashes back to the fork point and rolls back what the orphaned blocks produced;
 * (2) indexes forward to the head in adaptive eth_getLogs ranges, checking that each range links to the stored
 * blocks and that its logs belong to the headers it read; (3) announces what reached the confirmation depth and,
 * once caught up, resolves what a reorg set aside. RPC happens outside database transactions; each step's writes
 * are one transaction. One instance of the service follows at a time (a PostgreSQL session advisory lock).
 */
@Component
public class ChainFollower {

    private static final Logger log = LoggerFactory.getLogger(ChainFollower.class);

    /** Fixed and arbitrary ("indexer" in ASCII): the advisory lock held by the one instance that indexes. */
    static final long INDEXING_LOCK_KEY = 0x696e6465786572L;

    private final ChainReader reader;
    private final IndexWriter writer;
    private final List<IndexedEventSource> sources;
    private final List<ReorgListener> reorgListeners;
    private final IndexingProperties properties;
    private final DataSource dataSource;
    private final IndexingMetrics metrics;
    private final AdaptiveBlockRange range;

    ChainFollower(ChainReader reader, IndexWriter writer, List<IndexedEventSource> sources,
            List<ReorgListener> reorgListeners, IndexingProperties properties, DataSource dataSource,
            IndexingMetrics metrics, ChainProperties chainProperties) {
        this.reader = reader;
        this.writer = writer;
        this.sources = sources;
        this.reorgListeners = reorgListeners;
        this.properties = properties;
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.range = new AdaptiveBlockRange(properties.backfill(), chainProperties.maxBlockRange());
    }

    /** One poll (see the class comment); returns how many records were announced. Zero if another instance polls. */
    public synchronized int poll() {
        try (Connection lockHolder = dataSource.getConnection()) {
            if (!advisoryLock(lockHolder, "pg_try_advisory_lock")) {
                return 0;
            }
            try {
                return follow(range);
            } finally {
                advisoryLock(lockHolder, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the indexing turn", e);
        }
    }

    /** One poll with the given range policy (benchmarks compare policies); callers hold the indexing turn. */
    synchronized int follow(AdaptiveBlockRange ranges) {
        BlockHeader head = reader.latestHeader();
        long cursor = writer.lastIndexed();
        long forkPoint = forkPoint(cursor, head);
        if (forkPoint < cursor) {
            log.warn("Reorg: blocks {}..{} left the canonical chain (fork point {}, head {} {})", forkPoint + 1,
                    cursor, forkPoint, head.number(), head.hash());
            // Listeners first: they are idempotent, and the stored hashes still show the reorg if this step dies.
            reorgListeners.forEach(listener -> listener.rolledBack(forkPoint));
            writer.rollBack(forkPoint);
            metrics.reorg(cursor - forkPoint);
            cursor = forkPoint;
        }
        int announced = 0;
        while (cursor < head.number()) {
            Optional<Step> step = indexNextRange(cursor, head, ranges);
            if (step.isEmpty()) {
                break; // the chain moved under this range; the next poll finds the fork point
            }
            announced += step.get().announced();
            cursor = step.get().indexedTo();
        }
        announced += writer.finish(head, cursor);
        metrics.indexed(head, cursor, cursor >= head.number() ? head.time()
                : writer.storedBlock(cursor).map(BlockHeader::time).orElse(null));
        return announced;
    }

    /** Indexes blocks {@code cursor + 1 ..}; empty when the range did not hold together. */
    private Optional<Step> indexNextRange(long cursor, BlockHeader head, AdaptiveBlockRange ranges) {
        long from = cursor + 1;
        while (true) {
            long to = Math.min(head.number(), cursor + ranges.size());
            int blocks = (int) (to - from + 1);
            long started = System.nanoTime();
            Map<IndexedEventSource, List<Log>> logs;
            try {
                logs = logsOf(from, to);
            } catch (ChainReadRejectedException | ChainReadFailedException refused) {
                if (!ranges.refused(blocks)) {
                    throw refused;
                }
                log.info("eth_getLogs over {} blocks from {} failed ({}); trying {} blocks", blocks, from,
                        refused.getMessage(), ranges.size());
                continue;
            }
            int logCount = logs.values().stream().mapToInt(List::size).sum();
            ranges.answered(blocks, logCount, Duration.ofNanos(System.nanoTime() - started));
            List<BlockHeader> headers = headersToKeep(from, to, head);
            if (!holdsTogether(cursor, headers, logs)) {
                log.info("Blocks {}..{} changed while being read; checking for a reorg on the next poll", from, to);
                return Optional.empty();
            }
            int announced = writer.recordRange(logs, headers, to, head.number());
            metrics.rangeIndexed(blocks, logCount);
            return Optional.of(new Step(to, announced));
        }
    }

    private Map<IndexedEventSource, List<Log>> logsOf(long from, long to) {
        Map<IndexedEventSource, List<Log>> logs = new LinkedHashMap<>();
        for (IndexedEventSource source : sources) {
            logs.put(source, reader.logs(source.address(), source.topic(), from, to));
        }
        return logs;
    }

    /**
     * Headers of the blocks a reorg could still replace (within {@code chain.indexing.tracked-blocks} of the head);
     * of older blocks only the range's last, which the next range links to.
     */
    private List<BlockHeader> headersToKeep(long from, long to, BlockHeader head) {
        long firstTracked = head.number() - properties.trackedBlocks() + 1;
        if (to < firstTracked) {
            return List.of(to == head.number() ? head : reader.header(to));
        }
        return reader.headers(Math.max(from, firstTracked), to);
    }

    /** The headers link to each other and to the stored cursor block, and every log belongs to a header read. */
    private boolean holdsTogether(long cursor, List<BlockHeader> headers, Map<IndexedEventSource, List<Log>> logs) {
        BlockHeader first = headers.getFirst();
        if (first.number() == cursor + 1) {
            Optional<BlockHeader> stored = writer.storedBlock(cursor);
            if (stored.isPresent() && !stored.get().isParentOf(first)) {
                return false;
            }
        }
        Map<Long, String> hashes = new LinkedHashMap<>();
        BlockHeader previous = null;
        for (BlockHeader header : headers) {
            if (previous != null && !previous.isParentOf(header)) {
                return false;
            }
            hashes.put(header.number(), header.hash());
            previous = header;
        }
        return logs.values().stream().flatMap(List::stream).allMatch(logEntry -> {
            String expected = hashes.get(logEntry.getBlockNumber().longValueExact());
            return expected == null || expected.equalsIgnoreCase(logEntry.getBlockHash());
        });
    }

    /**
     * The last block both the index and the canonical chain hold: the cursor when its stored hash is still
     * canonical, else found by walking the canonical chain's parent hashes back against the stored hashes. A walk
     * that runs out of stored hashes (a reorg deeper than {@code tracked-blocks}) stops there, with an error logged.
     */
    private long forkPoint(long cursor, BlockHeader head) {
        long number = Math.min(cursor, head.number());
        Optional<BlockHeader> stored = writer.storedBlock(number);
        if (stored.isEmpty()) {
            return number;
        }
        BlockHeader canonical = number == head.number() ? head : reader.header(number);
        while (!canonical.hash().equals(stored.get().hash())) {
            Optional<BlockHeader> storedParent = writer.storedBlock(number - 1);
            if (storedParent.isEmpty()) {
                log.error("Reorg deeper than the {} tracked blocks: assuming block {} is common to both chains",
                        properties.trackedBlocks(), number - 1);
                return number - 1;
            }
            if (storedParent.get().hash().equals(canonical.parentHash())) {
                return number - 1;
            }
            number--;
            stored = storedParent;
            canonical = reader.header(number);
        }
        return number;
    }

    /** One stored range: the new cursor and how many records it announced. */
    private record Step(long indexedTo, int announced) {
    }

    private static boolean advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + function + "(?)")) {
            statement.setLong(1, INDEXING_LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
