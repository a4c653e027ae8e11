/**
 * Bids and auctions: who may bid ({@code BidEligibilityPolicy}, which quotes use too), how bids rank (effective
 * price by reputation, {@code AwardRanking}), and the scheduled closer that awards leases or expires the job when a
 * window ends. Bids are plain authenticated requests for now; EIP-712 signed bids are a later issue.
 */
package com.computemarket.matching.auction;
