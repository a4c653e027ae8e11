package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;

/**
 * A Deposit log of the vault, seen with enough confirmations. Unique per (chainId, txHash, logIndex,
 * {@code generation}): a deposit that a reorg reversed ({@link DepositReversed}) and whose log came back on chain is
 * confirmed again under the same log key with the next generation, so that consumers can tell this new confirmation
 * from a redelivery of the first one.
 *
 * @param generation how many times this deposit was reversed before this confirmation: 0 for the first; absent in
 *                   events published before the field existed, read as 0
 */
public record DepositConfirmed(
        long chainId,
        String txHash,
        long logIndex,
        long blockNumber,
        String account,
        String token,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount,
        Integer generation) implements MarketEvent {

    public DepositConfirmed {
        generation = generation == null ? 0 : generation;
        if (generation < 0) {
            throw new IllegalArgumentException("generation must not be negative: " + generation);
        }
    }

    /** The first confirmation of a deposit (generation 0). */
    public DepositConfirmed(long chainId, String txHash, long logIndex, long blockNumber, String account, String token,
            BigInteger amount) {
        this(chainId, txHash, logIndex, blockNumber, account, token, amount, 0);
    }

    @Override
    public String aggregateId() {
        return account;
    }
}
