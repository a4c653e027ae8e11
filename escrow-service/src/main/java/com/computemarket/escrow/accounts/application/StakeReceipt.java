package com.computemarket.escrow.accounts.application;

import java.math.BigInteger;
import java.util.UUID;

/** The answer to a stake bonding: how much was bonded and the provider's bonded stake right after. */
public record StakeReceipt(UUID transferId, String provider, BigInteger amount, BigInteger totalBonded) {
}
