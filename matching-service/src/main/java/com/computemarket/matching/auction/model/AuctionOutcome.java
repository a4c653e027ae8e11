package com.computemarket.matching.auction.model;

import java.util.List;
import java.util.Map;

/** How an auction ended: leases to award, or the job expires with the reasons counted. */
public sealed interface AuctionOutcome {

    /** One winner per replica, each a distinct provider, best first. */
    record Awarded(List<Offer> winners) implements AuctionOutcome {
        public Awarded {
            winners = List.copyOf(winners);
        }
    }

    /** Not enough qualified bids; {@code reasons} counts bids per cause ({@code NO_BIDS} when there were none). */
    record Expired(Map<String, Integer> reasons) implements AuctionOutcome {
        public Expired {
            reasons = Map.copyOf(reasons);
        }
    }
}
