package com.computemarket.escrow.reconciliation;

import java.time.Duration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Reconciles at start-up and then every {@code escrow.reconciliation.check-interval}, never overlapping. */
@Component
class VaultReconciliationSchedule implements SchedulingConfigurer {

    private final VaultReconciliation reconciliation;
    private final Duration interval;

    VaultReconciliationSchedule(VaultReconciliation reconciliation, VaultReconciliationProperties properties) {
        this.reconciliation = reconciliation;
        this.interval = properties.checkInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(reconciliation::checkOnSchedule, interval, Duration.ZERO));
    }
}
