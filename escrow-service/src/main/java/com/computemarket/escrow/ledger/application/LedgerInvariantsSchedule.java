package com.computemarket.escrow.ledger.application;

import com.computemarket.escrow.EscrowProperties;
import java.time.Duration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Checks the ledger's invariants at start-up and then every {@code escrow.invariants.check-interval}, counted from
 * the end of the previous check so that a slow scan never overlaps the next one.
 */
@Component
class LedgerInvariantsSchedule implements SchedulingConfigurer {

    private final LedgerInvariants invariants;
    private final Duration interval;

    LedgerInvariantsSchedule(LedgerInvariants invariants, EscrowProperties properties) {
        this.invariants = invariants;
        this.interval = properties.invariants().checkInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(invariants::checkOnSchedule, interval, Duration.ZERO));
    }
}
