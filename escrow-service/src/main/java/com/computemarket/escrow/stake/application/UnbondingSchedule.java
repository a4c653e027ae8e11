package com.computemarket.escrow.stake.application;

import java.time.Clock;
import java.time.Duration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Releases unbondings whose cooldown has passed every {@code escrow.stake.release-interval}, counted from the end of
 * the last pass; one transaction per batch, batch after batch until a batch comes back short.
 */
@Component
class UnbondingSchedule implements SchedulingConfigurer {

    private final UnbondingService unbondings;
    private final Clock clock;
    private final Duration interval;

    UnbondingSchedule(UnbondingService unbondings, Clock clock, StakeProperties properties) {
        this.unbondings = unbondings;
        this.clock = clock;
        this.interval = properties.releaseInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::releaseWithdrawable, interval, interval));
    }

    private void releaseWithdrawable() {
        int released;
        do {
            released = unbondings.releaseWithdrawable(clock.instant());
        } while (released == UnbondingService.RELEASE_BATCH);
    }
}
