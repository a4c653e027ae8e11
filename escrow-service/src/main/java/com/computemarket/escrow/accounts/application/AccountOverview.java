package com.computemarket.escrow.accounts.application;

import java.math.BigInteger;

/** A participant's money in escrow, by what it is for. */
public record AccountOverview(
        String owner, BigInteger available, BigInteger held, BigInteger leaseEscrow, BigInteger stake) {
}
