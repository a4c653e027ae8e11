package com.computemarket.matching.auction.application;

import com.computemarket.matching.auction.model.Bid;
import com.computemarket.matching.auction.model.BidStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A provider's own bid; {@code closeReason} says why a LOST bid lost (e.g. {@code OUTBID},
 * {@code INELIGIBLE:NO_FREE_CAPACITY}), null while it is open, once it won and once withdrawn.
 */
public record BidView(UUID bidId, UUID jobId, String provider, String pricePerHour, BidStatus status,
        Instant placedAt, String closeReason) {

    static BidView of(Bid bid) {
        return new BidView(bid.id(), bid.jobId(), bid.provider(), bid.pricePerHour().toString(), bid.status(),
                bid.placedAt(), bid.closeReason());
    }
}
