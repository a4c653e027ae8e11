package com.computemarket.matching.auction.model;

import com.computemarket.matching.jobs.model.Job;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Closes a job's auction once its window has ended: re-checks every bid, ranks the qualified ones and awards one
 * lease per replica. If fewer bids qualify than the job has replicas the job expires instead of running
 * short-handed: a REDUNDANT job needs all its replicas to reach a quorum, and escrow holds for exactly
 * {@code replicas} leases. Every bid is closed with a reason.
 */
public final class Auction {

    /** Reason counted when nobody bid. */
    public static final String NO_BIDS = "NO_BIDS";
    /** Reason counted once per qualified bid when too few qualified to fill every replica. */
    public static final String TOO_FEW_QUALIFIED_BIDS = "TOO_FEW_QUALIFIED_BIDS";

    private final BidEligibilityPolicy eligibility;

    public Auction(BidEligibilityPolicy eligibility) {
        this.eligibility = eligibility;
    }

    /**
     * Decides the auction for the job's open replicas and closes each offer's bid (won, outbid, ineligible, or
     * expired); {@code excludedProviders} may not win (they failed or run a lease of the job).
     */
    public AuctionOutcome close(Job job, Set<String> excludedProviders, List<Offer> offers) {
        // Case-insensitive, as the tie-break compares addresses: then no two offers ever rank equal.
        if (offers.stream().map(offer -> offer.bid().provider().toLowerCase(Locale.ROOT)).distinct().count()
                != offers.size()) {
            throw new IllegalArgumentException("an auction takes one bid per provider");
        }
        List<Offer> qualified = new ArrayList<>();
        Map<String, Integer> reasons = new TreeMap<>();
        for (Offer offer : offers) {
            Optional<Ineligibility> ineligibility = eligibility.toWin(job, excludedProviders, offer.bidder(),
                    offer.bid().pricePerHour());
            if (ineligibility.isPresent()) {
                offer.bid().lose(ineligibility.get().closeReason());
                reasons.merge(ineligibility.get().name(), 1, Integer::sum);
            } else {
                qualified.add(offer);
            }
        }
        if (qualified.size() < job.openReplicas()) {
            if (offers.isEmpty()) {
                reasons.put(NO_BIDS, 1);
            }
            if (!qualified.isEmpty()) {
                reasons.put(TOO_FEW_QUALIFIED_BIDS, qualified.size());
            }
            qualified.forEach(offer -> offer.bid().lose(Bid.JOB_EXPIRED));
            return new AuctionOutcome.Expired(reasons);
        }
        List<Offer> winners = best(qualified, job.openReplicas());
        winners.forEach(offer -> offer.bid().win());
        qualified.stream().filter(offer -> offer.bid().status() == BidStatus.ACTIVE)
                .forEach(offer -> offer.bid().lose(Bid.OUTBID));
        return new AuctionOutcome.Awarded(winners);
    }

    /**
     * The best {@code count} offers, best first, without sorting them all: a heap holding the current best
     * {@code count} (worst on top) costs n·log(count) comparisons instead of n·log(n), and an auction takes up to
     * 16 winners out of possibly thousands of bids. The ranking is a total order, so the result is exactly the head
     * of a full sort.
     */
    private static List<Offer> best(List<Offer> offers, int count) {
        Comparator<Offer> ranking = AwardRanking.bestFirst();
        PriorityQueue<Offer> bestSoFar = new PriorityQueue<>(count, ranking.reversed());
        for (Offer offer : offers) {
            if (bestSoFar.size() < count) {
                bestSoFar.add(offer);
            } else if (ranking.compare(offer, bestSoFar.peek()) < 0) {
                bestSoFar.poll();
                bestSoFar.add(offer);
            }
        }
        List<Offer> best = new ArrayList<>(bestSoFar);
        best.sort(ranking);
        return best;
    }
}
