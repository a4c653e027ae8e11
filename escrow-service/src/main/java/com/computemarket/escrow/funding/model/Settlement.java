package com.computemarket.escrow.funding.model;

import com.computemarket.events.SettlementOutcome;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** How one lease's escrow was split; payout, fee and refund add up to the escrow. */
public record Settlement(
        UUID settlementId,
        UUID leaseId,
        SettlementOutcome outcome,
        BigInteger providerPayout,
        BigInteger protocolFee,
        BigInteger consumerRefund,
        Instant recordedAt) {
}
