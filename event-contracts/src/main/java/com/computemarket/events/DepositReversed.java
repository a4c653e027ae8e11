package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;

/**
 * A deposit that was announced by {@link DepositConfirmed} vanished in a chain reorganisation deeper than the
 * confirmation depth: the block that held it, {@code orphanedBlockHash}, is no longer on the canonical chain and the
 * log was not re-included. Escrow takes the credit back. Same key (chainId, txHash, logIndex) as the confirmation.
 */
public record DepositReversed(
        long chainId,
        String txHash,
        long logIndex,
        long blockNumber,
        String orphanedBlockHash,
        String account,
        String token,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount) implements MarketEvent {

    @Override
    public String aggregateId() {
        return account;
    }
}
