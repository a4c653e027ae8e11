package com.computemarket.matching.auction.model;

import com.computemarket.matching.providers.model.BidderStanding;

/** A bid together with its bidder's standing at the time the auction closes. */
public record Offer(Bid bid, BidderStanding bidder) {

    public Offer {
        if (!bid.provider().equals(bidder.address())) {
            throw new IllegalArgumentException("the standing must be the bidder's own");
        }
    }
}
