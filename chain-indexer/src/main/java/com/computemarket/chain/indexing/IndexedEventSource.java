package com.computemarket.chain.indexing;

import java.time.Instant;
import java.util.List;
import org.web3j.protocol.core.methods.response.Log;

/**
 * One kind of log the indexer follows, and what it means to the market. Every method runs inside the indexer's
 * database transaction for that step, together with the block hashes and the cursor, so a crash never leaves the
 * index and the source disagreeing.
 */
public interface IndexedEventSource {

    /** Contract whose logs are read. */
    String address();

    /** First topic (event signature hash) of the logs read. */
    String topic();

    /**
     * Stores the logs of one block range, in chain order. Keyed by (chain id, tx hash, log index): a log read before
     * is updated (block number and hash may have changed in a reorg), never duplicated.
     */
    void record(List<Log> logs, Instant now);

    /**
     * Blocks above {@code forkPoint} left the canonical chain: set aside what they produced. Whether it survived
     * (re-included in the new chain) is known once re-indexing reaches the head; {@link #settle} decides then.
     */
    void orphanAbove(long forkPoint, Instant now);

    /**
     * Announces what reached the confirmation depth under {@code position.head()} and, when the index has caught
     * up with that head, resolves what was set aside and did not come back. Returns how many records were announced.
     */
    int settle(IndexPosition position, Instant now);
}
