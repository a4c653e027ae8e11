package com.computemarket.escrow.accounts.application;

import java.math.BigInteger;

/**
 * A participant's money in escrow, by what it is for: as a consumer ({@code held}, {@code leaseEscrow}), as a provider
 * ({@code earnedUnsettled}, {@code stake}), on its way out ({@code pendingWithdrawals}) and what it owes
 * ({@code debt}: the spent part of a deposit a reorg took back, paid first from its next deposits).
 */
public record AccountOverview(
        String owner, BigInteger available, BigInteger held, BigInteger leaseEscrow, BigInteger earnedUnsettled,
        BigInteger stake, BigInteger pendingWithdrawals, BigInteger debt) {
}
