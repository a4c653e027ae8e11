package com.computemarket.chain.indexing;

/**
 * Where the index stands: {@code head} is the node's latest block when the step began, {@code lastIndexed} the last
 * block whose logs are stored, {@code caughtUp} whether every block up to {@code head} is indexed.
 */
public record IndexPosition(long head, long lastIndexed) {

    public boolean caughtUp() {
        return lastIndexed >= head;
    }
}
