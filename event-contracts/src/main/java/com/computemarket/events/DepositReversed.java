package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;

/**
 * A deposit that was announced by {@link DepositConfirmed} vanished in a chain reorganisation deeper than the
 * confirmation depth: the block that held it, {@code orphanedBlockHash}, is no longer on the canonical chain and the
 * log was not re-included. Escrow takes the credit back. Same key (chainId, txHash, logIndex, generation) as the
 * confirmation it takes back.
 *
 * @param generation the {@link DepositConfirmed#generation()} of the confirmation this reverses; absent in events
 *                   published before the field existed, read as 0
 */
public record DepositReversed(
        long chainId,
        String txHash,
        long logIndex,
        long blockNumber,
        String orphanedBlockHash,
        String account,
        String token,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount,
        Integer generation) implements MarketEvent {

    public DepositReversed {
        generation = generation == null ? 0 : generation;
        if (generation < 0) {
            throw new IllegalArgumentException("generation must not be negative: " + generation);
        }
    }

    /** The reversal of a deposit's first confirmation (generation 0). */
    public DepositReversed(long chainId, String txHash, long logIndex, long blockNumber, String orphanedBlockHash,
            String account, String token, BigInteger amount) {
        this(chainId, txHash, logIndex, blockNumber, orphanedBlockHash, account, token, amount, 0);
    }

    @Override
    public String aggregateId() {
        return account;
    }
}
