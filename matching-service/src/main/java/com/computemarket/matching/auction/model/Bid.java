package com.computemarket.matching.auction.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** A provider's price for one job; one per provider and job, amendable while the auction is open. */
@Entity
@Table(name = "bid")
public class Bid {

    /** Close reason of a bid that qualified but ranked below the winners. */
    public static final String OUTBID = "OUTBID";
    /** Close reason of a bid that qualified in an auction that expired for want of enough qualified bids. */
    public static final String JOB_EXPIRED = "JOB_EXPIRED";
    /** Close reason of a bid still open when the job's consumer cancelled the job. */
    public static final String JOB_CANCELLED = "JOB_CANCELLED";

    @Id
    private UUID id;

    @Column(name = "job_id", nullable = false)
    private UUID jobId;

    @Column(nullable = false)
    private String provider;

    @Column(name = "price_per_hour", nullable = false, precision = 78)
    private BigInteger pricePerHour;

    /** When the current price was offered: an amendment gives up the earlier place in the time tie-break. */
    @Column(name = "placed_at", nullable = false)
    private Instant placedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private BidStatus status;

    @Column(name = "close_reason")
    private String closeReason;

    @Version
    private long version;

    protected Bid() {
    }

    private Bid(UUID id, UUID jobId, String provider, BigInteger pricePerHour, Instant placedAt) {
        this.id = id;
        this.jobId = jobId;
        this.provider = provider;
        this.pricePerHour = pricePerHour;
        this.placedAt = placedAt;
        this.status = BidStatus.ACTIVE;
    }

    public static Bid place(UUID id, UUID jobId, String provider, BigInteger pricePerHour, Instant now) {
        return new Bid(id, jobId, provider, pricePerHour, now);
    }

    public void amend(BigInteger newPricePerHour, Instant now) {
        requireActive();
        this.pricePerHour = newPricePerHour;
        this.placedAt = now;
    }

    /**
     * A bid that lost an earlier listing of the job is placed again when the job is re-listed, and a withdrawn bid
     * when its provider bids again before the close: a provider keeps one bid per job, and it takes part in the
     * auction only once renewed (at the new time, so it gives up its earlier place in the tie-break).
     */
    public void renew(BigInteger newPricePerHour, Instant now) {
        if (status == BidStatus.ACTIVE) {
            throw new IllegalStateException("bid " + id + " is still active: amend it");
        }
        this.status = BidStatus.ACTIVE;
        this.closeReason = null;
        this.pricePerHour = newPricePerHour;
        this.placedAt = now;
    }

    /**
     * The provider takes its bid out of the auction before the close: the closer no longer sees it, and it counts
     * neither towards the job's bound of open bids nor towards an early close. The caller checks that the job still
     * accepts bids; a bid already closed (won, lost, withdrawn) cannot be withdrawn.
     */
    public void withdraw() {
        requireActive();
        this.status = BidStatus.WITHDRAWN;
    }

    public boolean isActive() {
        return status == BidStatus.ACTIVE;
    }

    void win() {
        requireActive();
        this.status = BidStatus.WON;
    }

    void lose(String reason) {
        requireActive();
        this.status = BidStatus.LOST;
        this.closeReason = reason;
    }

    /** The consumer cancelled the job while the bid was open: it loses, and says why. */
    public void closeOnJobCancelled() {
        lose(JOB_CANCELLED);
    }

    private void requireActive() {
        if (status != BidStatus.ACTIVE) {
            throw new IllegalStateException("bid " + id + " is already closed: " + status);
        }
    }

    public UUID id() {
        return id;
    }

    public UUID jobId() {
        return jobId;
    }

    public String provider() {
        return provider;
    }

    public BigInteger pricePerHour() {
        return pricePerHour;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public BidStatus status() {
        return status;
    }

    public String closeReason() {
        return closeReason;
    }

    /** The optimistic-lock version this bid was read at, for a write made outside Hibernate to check. */
    public long version() {
        return version;
    }
}
