package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;

/** A Deposit log of the vault, seen with enough confirmations. Unique per (chainId, txHash, logIndex). */
public record DepositConfirmed(
        long chainId,
        String txHash,
        long logIndex,
        long blockNumber,
        String account,
        String token,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount) implements MarketEvent {

    @Override
    public String aggregateId() {
        return account;
    }
}
