package com.computemarket.matching.auction.application;

import java.math.BigInteger;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param minProviderStake bonded stake (token base units) a provider needs to bid; default 100 tokens of 18 decimals
 * @param closeInterval    longest pause between two scans for auctions whose window has ended; a scan is due
 *                         earlier when the next window ends earlier (keep it below the shortest window, 1 s)
 * @param closeMinPause    shortest pause between two scans, even when due auctions are waiting (held by another
 *                         transaction, or closing one after the other)
 * @param closeBatchSize   most auctions one transaction claims and closes; a scan goes on with the next batch at
 *                         once while batches come back full, and pauses only once one comes back short
 * @param closeMaxConcurrentScans most scans running at once; a firing that finds them all busy does nothing. Each
 *                         scan holds a pooled connection while it waits for bidders' node locks, so the bound keeps a
 *                         backlog of due auctions from taking the pool from requests, consumers and the relay
 */
@ConfigurationProperties("matching.auction")
public record AuctionProperties(
        @DefaultValue("100000000000000000000") BigInteger minProviderStake,
        @DefaultValue("200ms") Duration closeInterval,
        @DefaultValue("100") int closeBatchSize,
        @DefaultValue("10ms") Duration closeMinPause,
        @DefaultValue("3") int closeMaxConcurrentScans,
        @DefaultValue("1000") int maxBidsPerJob) {
}
