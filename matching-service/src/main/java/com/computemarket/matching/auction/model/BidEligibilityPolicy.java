package com.computemarket.matching.auction.model;

import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.jobs.model.JobStatus;
import com.computemarket.matching.providers.model.BidderStanding;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * Who may bid on a job, checked when the bid is placed and again when the auction closes (stake or reputation
 * copies may have changed in between). A provider qualifies when it is not the job's consumer, its price is at
 * most the job's maximum, one of its nodes covers the job's resources, and its bonded stake is at least the minimum.
 */
public final class BidEligibilityPolicy {

    private final BigInteger minimumStake;

    public BidEligibilityPolicy(BigInteger minimumStake) {
        if (minimumStake.signum() < 0) {
            throw new IllegalArgumentException("the minimum stake cannot be negative");
        }
        this.minimumStake = minimumStake;
    }

    /** May {@code bidder} place (or amend) a bid at {@code pricePerHour} now? Empty when it may. */
    public Optional<Ineligibility> toPlace(Job job, BidderStanding bidder, BigInteger pricePerHour, Instant now) {
        if (job.status() != JobStatus.OPEN) {
            return Optional.of(Ineligibility.JOB_NOT_OPEN);
        }
        if (!job.acceptsBidsAt(now)) {
            return Optional.of(Ineligibility.BIDDING_CLOSED);
        }
        return toWin(job, bidder, pricePerHour);
    }

    /** Does the bid still qualify when the window has closed? Empty when it does. */
    public Optional<Ineligibility> toWin(Job job, BidderStanding bidder, BigInteger pricePerHour) {
        if (job.isPostedBy(bidder.address())) {
            return Optional.of(Ineligibility.OWN_JOB);
        }
        if (pricePerHour.compareTo(job.maxPricePerHour()) > 0) {
            return Optional.of(Ineligibility.PRICE_ABOVE_MAX);
        }
        if (!bidder.hasNodeCovering(job.resources())) {
            return Optional.of(Ineligibility.NO_FITTING_NODE);
        }
        if (bidder.bondedStake().compareTo(minimumStake) < 0) {
            return Optional.of(Ineligibility.INSUFFICIENT_STAKE);
        }
        return Optional.empty();
    }
}
