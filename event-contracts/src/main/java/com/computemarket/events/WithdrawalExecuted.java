package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.util.UUID;

/**
 * The vault paid out a {@link WithdrawalRequested}, in a block with enough confirmations; escrow confirms it. Once per
 * cycle of the withdrawal: after a {@link WithdrawalReopened} (the reported payout left the chain), the resend's payout
 * is announced again with its own transaction (which may be the same one, put back on chain).
 */
public record WithdrawalExecuted(
        UUID withdrawalId,
        long chainId,
        String account,
        String to,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount,
        String txHash,
        long blockNumber) implements MarketEvent {

    @Override
    public String aggregateId() {
        return account;
    }
}
