package com.computemarket.matching.auction.model;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * Orders qualified offers best first.
 *
 * <p>Offers compete on <em>effective price</em> = {@code price × 1000 / (500 + score)}, with the reputation score on
 * a 0..1000 scale. A provider at the default score 500 competes at its own price, one at 1000 at two thirds of it,
 * one at 0 at twice it. The comparison never divides: {@code a} is cheaper than {@code b} when
 * {@code a.price × (500 + b.score) < b.price × (500 + a.score)}, exact in integers. The lease is still paid at the
 * provider's own bid price; reputation only decides who wins.
 *
 * <p>Ties go to the earlier bid (an amendment counts from when it was made), then to the lower provider address
 * (compared case-insensitively), so two instances closing the same auction always agree.
 */
public final class AwardRanking {

    /** Added to the score in the denominator: keeps it positive and bounds the reputation effect to a factor 3. */
    static final int SCORE_OFFSET = 500;

    private static final Comparator<Offer> BEST_FIRST = AwardRanking::compareEffectivePrice;

    private static final Comparator<Offer> RANKING = BEST_FIRST
            .thenComparing(offer -> offer.bid().placedAt())
            .thenComparing(offer -> offer.bid().provider(), String.CASE_INSENSITIVE_ORDER);

    public static Comparator<Offer> bestFirst() {
        return RANKING;
    }

    private static int compareEffectivePrice(Offer a, Offer b) {
        BigInteger aWeighted = a.bid().pricePerHour().multiply(weight(b));
        BigInteger bWeighted = b.bid().pricePerHour().multiply(weight(a));
        return aWeighted.compareTo(bWeighted);
    }

    private static BigInteger weight(Offer offer) {
        return BigInteger.valueOf(SCORE_OFFSET + offer.bidder().reputationScore());
    }

    private AwardRanking() {
    }
}
