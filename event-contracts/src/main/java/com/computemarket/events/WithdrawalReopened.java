package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.util.UUID;

/**
 * A withdrawal announced by {@link WithdrawalExecuted} is unpaid again: a chain reorganisation deeper than the
 * confirmation depth removed {@code vanishedTxHash}, so the vault holds the amount once more, and chain-indexer sends
 * the same owner-signed withdrawal again. Escrow moves the amount back from its vault mirror to the owner's pending
 * withdrawal, so the ledger says where the money is while the resend is outstanding. What follows is a
 * {@link WithdrawalExecuted} naming the resend's transaction once it is buried (the next paid cycle), or a
 * {@link WithdrawalReversed} if the vault refuses the resend for good.
 * {@code reopening} counts the reopenings of this withdrawal, 1 for the first; each is published once, after the
 * withdrawal's {@link WithdrawalExecuted} of the cycle it ends.
 */
public record WithdrawalReopened(
        UUID withdrawalId,
        long chainId,
        String account,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount,
        String vanishedTxHash,
        int reopening) implements MarketEvent {

    @Override
    public String aggregateId() {
        return account;
    }
}
