package com.computemarket.matching.auction.model;

/** A bid stays ACTIVE (amendable) until its auction closes; then it WON a lease or LOST with a reason. */
public enum BidStatus {
    ACTIVE,
    WON,
    LOST
}
