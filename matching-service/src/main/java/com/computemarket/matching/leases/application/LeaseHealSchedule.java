package com.computemarket.matching.leases.application;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the heartbeat-loss detector on a fixed delay ({@code matching.leases.check-interval}), so scans never overlap. */
@Component
class LeaseHealSchedule {

    private final LeaseHealer healer;

    LeaseHealSchedule(LeaseHealer healer) {
        this.healer = healer;
    }

    @Scheduled(fixedDelayString = "${matching.leases.check-interval:1s}")
    void closeSilentLeases() {
        healer.closeSilentLeases();
    }
}
