package com.computemarket.escrow.stake.model;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * One unbonding request: {@code amount} left the provider's bonded stake at {@code requestedAt} and returns to its
 * available balance once {@code withdrawableAt} has passed ({@code releasedAt} says when it did). {@code totalBonded}
 * is the bonded stake right after the request, kept so that a replayed request answers as the first did.
 */
public record Unbonding(UUID transferId, String provider, BigInteger amount, BigInteger totalBonded,
        Instant requestedAt, Instant withdrawableAt, Instant releasedAt) {

    public boolean released() {
        return releasedAt != null;
    }
}
