package com.computemarket.escrow.funding.model;

import com.computemarket.escrow.ledger.model.ProtocolFee;
import com.computemarket.events.SettlementOutcome;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The escrow of one lease: funded at award, then paid to the provider or refunded to the consumer, once. */
public final class LeaseEscrow {

    private final UUID leaseId;
    private final UUID jobId;
    private final int listing;
    private final String consumer;
    private final String provider;
    private final BigInteger amount;
    private final Instant fundedAt;
    private LeaseStatus status;

    public LeaseEscrow(UUID leaseId, UUID jobId, int listing, String consumer, String provider, BigInteger amount,
            Instant fundedAt, LeaseStatus status) {
        this.leaseId = Objects.requireNonNull(leaseId);
        this.jobId = Objects.requireNonNull(jobId);
        this.listing = listing;
        this.consumer = Objects.requireNonNull(consumer);
        this.provider = Objects.requireNonNull(provider);
        this.amount = Objects.requireNonNull(amount);
        this.fundedAt = Objects.requireNonNull(fundedAt);
        this.status = Objects.requireNonNull(status);
        if (amount.signum() <= 0) {
            throw new IllegalFundingMoveException("lease " + leaseId + " would be funded with " + amount);
        }
    }

    static LeaseEscrow funded(UUID leaseId, UUID jobId, int listing, String consumer, String provider,
            BigInteger amount, Instant at) {
        return new LeaseEscrow(leaseId, jobId, listing, consumer, provider, amount, at, LeaseStatus.FUNDED);
    }

    /** The work was verified: the provider is paid the escrow less the protocol fee. */
    public Settlement pay(String verifiedProvider, int feeBps, UUID settlementId, Instant at) {
        requireUnsettled(verifiedProvider);
        BigInteger fee = ProtocolFee.of(amount, feeBps);
        status = LeaseStatus.PAID;
        return new Settlement(settlementId, leaseId, SettlementOutcome.PAID, amount.subtract(fee), fee,
                BigInteger.ZERO, at);
    }

    /** The work was rejected: the whole escrow goes back to the consumer. */
    public Settlement refund(String rejectedProvider, UUID settlementId, Instant at) {
        requireUnsettled(rejectedProvider);
        status = LeaseStatus.REFUNDED;
        return new Settlement(settlementId, leaseId, SettlementOutcome.REFUNDED, BigInteger.ZERO, BigInteger.ZERO,
                amount, at);
    }

    private void requireUnsettled(String verdictProvider) {
        if (status != LeaseStatus.FUNDED) {
            throw new IllegalFundingMoveException("lease " + leaseId + " is already " + status);
        }
        if (!provider.equalsIgnoreCase(verdictProvider)) {
            throw new IllegalFundingMoveException("verdict on lease " + leaseId + " names provider "
                    + verdictProvider + " but the lease is " + provider + "'s");
        }
    }

    public UUID leaseId() {
        return leaseId;
    }

    public UUID jobId() {
        return jobId;
    }

    /** Which listing of the job (which hold) funded the lease. */
    public int listing() {
        return listing;
    }

    public String consumer() {
        return consumer;
    }

    public String provider() {
        return provider;
    }

    public BigInteger amount() {
        return amount;
    }

    public Instant fundedAt() {
        return fundedAt;
    }

    public LeaseStatus status() {
        return status;
    }
}
