package com.computemarket.matching.auction.application;

/** A bid after a POST; {@code amended} when the provider already had a bid on the job and changed its price. */
public record PlacedBid(BidView bid, boolean amended) {
}
