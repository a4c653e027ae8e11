/**
 * Chain indexing: follows the canonical chain block by block range, stores the hashes of recent blocks, detects
 * reorganisations by walking parent hashes back to the fork point, rolls back what orphaned blocks produced, reads
 * past blocks in adaptive eth_getLogs ranges, and reports how far behind the head the index is. What a log means is
 * up to the {@link com.computemarket.chain.indexing.IndexedEventSource}s (deposits) and
 * {@link com.computemarket.chain.indexing.ReorgListener}s (anchors) that plug into it.
 */
package com.computemarket.chain.indexing;
