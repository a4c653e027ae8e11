package com.computemarket.chain.indexing;

import java.time.Instant;
import java.util.Objects;

/** What the index keeps of a block: enough to notice that the chain under it changed. */
public record BlockHeader(long number, String hash, String parentHash, Instant time) {

    public BlockHeader {
        Objects.requireNonNull(hash);
        Objects.requireNonNull(parentHash);
        Objects.requireNonNull(time);
    }

    /** True when {@code child} is built directly on this block. */
    boolean isParentOf(BlockHeader child) {
        return child.number() == number + 1 && child.parentHash().equals(hash);
    }
}
