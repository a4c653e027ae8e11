package com.computemarket.escrow.funding.application;

import java.time.Clock;
import java.time.Duration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Meters the open leases every {@code escrow.leases.accrual-interval}, counted from the end of the previous pass so
 * that a slow pass never overlaps the next one on the same instance.
 */
@Component
class LeaseMeteringSchedule implements SchedulingConfigurer {

    private final LeaseMetering metering;
    private final Clock clock;
    private final Duration interval;

    LeaseMeteringSchedule(LeaseMetering metering, Clock clock, LeaseFundingProperties leases) {
        this.metering = metering;
        this.clock = clock;
        this.interval = leases.accrualInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(() -> metering.meterDueLeases(clock.instant()), interval,
                interval));
    }
}
