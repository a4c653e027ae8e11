package com.computemarket.matching.auction.model;

/**
 * A bid stays ACTIVE (amendable) until its auction closes; then it WON a lease or LOST with a reason. Its provider
 * may take it out of the auction before the close: WITHDRAWN, until the provider bids on the job again.
 */
public enum BidStatus {
    ACTIVE,
    WON,
    LOST,
    WITHDRAWN
}
