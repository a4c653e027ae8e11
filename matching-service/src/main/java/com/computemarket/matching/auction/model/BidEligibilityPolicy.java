package com.computemarket.matching.auction.model;

import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.jobs.model.JobStatus;
import com.computemarket.matching.providers.model.BidderStanding;
import com.computemarket.matching.providers.model.CollateralShare;
import java.math.BigInteger;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may bid on a job, checked when the bid is placed, again when the auction closes (stake or reputation copies
 * may have changed in between), and for every known provider when a consumer asks for a quote. A provider qualifies
 * when it is not the job's consumer, it neither failed nor runs a lease of the job (a re-listing excludes them), its price is at most the job's maximum, one of its nodes is big enough for one
 * replica and has that much free now (capacity minus running leases; {@link NodePlacement}), its bonded stake is at
 * least the minimum, its free stake (bonded stake minus what its active leases lock as collateral) covers the
 * collateral this lease would lock ({@link CollateralShare}: escrow locks it at award, and one minimum stake must not
 * back any number of leases), and its reputation score is at least the job's minimum reputation. The rules are checked in
 * that order and the first one
 * that fails is the reason given, so a bid, an expired auction and a quote always blame the same cause.
 */
public final class BidEligibilityPolicy {

    private final BigInteger minimumStake;
    private final CollateralShare collateral;

    public BidEligibilityPolicy(BigInteger minimumStake, CollateralShare collateral) {
        if (minimumStake.signum() < 0) {
            throw new IllegalArgumentException("the minimum stake cannot be negative");
        }
        this.minimumStake = minimumStake;
        this.collateral = collateral;
    }

    /** A policy that asks no collateral of a lease (0 basis points): only the minimum stake counts. */
    public BidEligibilityPolicy(BigInteger minimumStake) {
        this(minimumStake, new CollateralShare(0));
    }

    /** May {@code bidder} place (or amend) a bid at {@code pricePerHour} now? Empty when it may. */
    public Optional<Ineligibility> toPlace(Job job, Set<String> excludedProviders, BidderStanding bidder,
            BigInteger pricePerHour, Instant now) {
        if (job.isCancelled()) {
            return Optional.of(Ineligibility.JOB_CANCELLED);
        }
        if (job.status() != JobStatus.OPEN) {
            return Optional.of(Ineligibility.JOB_NOT_OPEN);
        }
        if (!job.acceptsBidsAt(now)) {
            return Optional.of(Ineligibility.BIDDING_CLOSED);
        }
        return toWin(job, excludedProviders, bidder, pricePerHour);
    }

    /** Does the bid still qualify when the window has closed? Empty when it does. */
    public Optional<Ineligibility> toWin(Job job, Set<String> excludedProviders, BidderStanding bidder,
            BigInteger pricePerHour) {
        return firstFailedRule(BidTerms.of(job, excludedProviders), bidder, pricePerHour);
    }

    /**
     * Could {@code bidder} bid on a job with these terms at all? The price rule cannot fail here: a provider may
     * always ask the maximum. Empty when it could.
     */
    public Optional<Ineligibility> toBidOn(BidTerms terms, BidderStanding bidder) {
        return firstFailedRule(terms, bidder, terms.maxPricePerHour());
    }

    /** Sorts every bidder into "could bid" or the first rule it fails, as a quote reports them. */
    public EligibilitySurvey survey(BidTerms terms, List<BidderStanding> bidders) {
        int couldBid = 0;
        Map<Ineligibility, Integer> reasons = new EnumMap<>(Ineligibility.class);
        for (BidderStanding bidder : bidders) {
            Optional<Ineligibility> ineligibility = toBidOn(terms, bidder);
            if (ineligibility.isPresent()) {
                reasons.merge(ineligibility.get(), 1, Integer::sum);
            } else {
                couldBid++;
            }
        }
        return new EligibilitySurvey(couldBid, reasons);
    }

    private Optional<Ineligibility> firstFailedRule(BidTerms terms, BidderStanding bidder, BigInteger pricePerHour) {
        if (terms.isPostedBy(bidder.address())) {
            return Optional.of(Ineligibility.OWN_JOB);
        }
        if (terms.excludes(bidder.address())) {
            return Optional.of(Ineligibility.PROVIDER_EXCLUDED);
        }
        if (pricePerHour.compareTo(terms.maxPricePerHour()) > 0) {
            return Optional.of(Ineligibility.PRICE_ABOVE_MAX);
        }
        Optional<Ineligibility> noNode = NodePlacement.unmetBy(bidder.nodes(), terms.requirement());
        if (noNode.isPresent()) {
            return noNode;
        }
        if (bidder.bondedStake().compareTo(minimumStake) < 0) {
            return Optional.of(Ineligibility.INSUFFICIENT_STAKE);
        }
        if (bidder.freeStake().max(BigInteger.ZERO)
                .compareTo(collateral.of(pricePerHour, terms.durationSeconds())) < 0) {
            return Optional.of(Ineligibility.INSUFFICIENT_FREE_STAKE);
        }
        if (bidder.reputationScore() < terms.minReputation()) {
            return Optional.of(Ineligibility.REPUTATION_BELOW_MINIMUM);
        }
        return Optional.empty();
    }
}
