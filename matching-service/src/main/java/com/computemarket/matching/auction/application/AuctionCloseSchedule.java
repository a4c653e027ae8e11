package com.computemarket.matching.auction.application;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the closer on a fixed delay ({@code matching.auction.close-interval}), so scans never overlap. */
@Component
class AuctionCloseSchedule {

    private final AuctionCloser closer;

    AuctionCloseSchedule(AuctionCloser closer) {
        this.closer = closer;
    }

    @Scheduled(fixedDelayString = "${matching.auction.close-interval:200ms}")
    void closeDueAuctions() {
        closer.closeDueAuctions();
    }
}
