package com.computemarket.chain.indexing;

/**
 * Told that blocks above {@code forkPoint} left the canonical chain, for state that is not made of indexed logs, such
 * as transactions this service sent itself. Called outside any database transaction (it may ask the node), before
 * the index rolls back: if the step dies in between, the next poll finds the same reorg and calls again, so an
 * implementation must be idempotent.
 */
public interface ReorgListener {

    void rolledBack(long forkPoint);
}
