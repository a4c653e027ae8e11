package com.computemarket.matching.auction.application;

import com.computemarket.matching.auction.model.Bid;
import com.computemarket.matching.auction.model.BidStatus;
import java.time.Instant;
import java.util.UUID;

public record BidView(UUID bidId, UUID jobId, String provider, String pricePerHour, BidStatus status,
        Instant placedAt) {

    static BidView of(Bid bid) {
        return new BidView(bid.id(), bid.jobId(), bid.provider(), bid.pricePerHour().toString(), bid.status(),
                bid.placedAt());
    }
}
