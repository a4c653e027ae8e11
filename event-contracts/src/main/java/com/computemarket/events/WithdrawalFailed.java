package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.util.UUID;

/**
 * The vault will never pay out a {@link WithdrawalRequested}; escrow credits the amount back (compensates).
 * {@code reason} is a stable code: {@code SIGNATURE_REJECTED}, {@code DEADLINE_PASSED}, {@code NONCE_USED},
 * {@code VAULT_PAUSED} or {@code REVERTED}; {@code detail} is for people.
 */
public record WithdrawalFailed(
        UUID withdrawalId,
        long chainId,
        String account,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount,
        String reason,
        String detail) implements MarketEvent {

    @Override
    public String aggregateId() {
        return account;
    }
}
