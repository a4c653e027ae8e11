package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.util.UUID;

/**
 * A withdrawal announced by {@link WithdrawalExecuted} did not stay paid: a chain reorganisation deeper than the
 * confirmation depth removed {@code executedTxHash} (the latest one reported), and sending the same owner-signed
 * withdrawal again was refused for good, so the vault still holds the money. Escrow credits the amount back to the
 * owner, once. Published at most once per withdrawal, after the {@link WithdrawalReopened} that reported the payout
 * gone (chain-indexers before that event existed published none: escrow then credits it from its vault mirror); when
 * the resend is paid instead, another WithdrawalExecuted is published.
 * {@code reason} is one of {@link WithdrawalFailed}'s codes (why the resend was refused), {@code detail} is for people.
 */
public record WithdrawalReversed(
        UUID withdrawalId,
        long chainId,
        String account,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount,
        String executedTxHash,
        String reason,
        String detail) implements MarketEvent {

    @Override
    public String aggregateId() {
        return account;
    }
}
