package com.computemarket.chain.withdrawals;

import com.computemarket.chain.ChainProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Every {@code chain.poll-interval}: sends again (or ends, once the deadline passed) withdrawals whose signature went
 * out and that the vault refused for now, and looks for mined withdrawals with enough confirmations.
 */
@Configuration(proxyBeanMethods = false)
class WithdrawalSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalSchedule.class);

    private final WithdrawalExecution execution;
    private final ChainProperties properties;

    WithdrawalSchedule(WithdrawalExecution execution, ChainProperties properties) {
        this.execution = execution;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::reportConfirmed, properties.pollInterval());
    }

    private void reportConfirmed() {
        try {
            execution.resendRefusedWithdrawals();
        } catch (RuntimeException e) {
            log.warn("Sending refused withdrawals again failed, retrying on the next tick: {}", e.toString());
        }
        try {
            execution.reportConfirmed();
        } catch (RuntimeException e) {
            log.warn("Reporting confirmed withdrawals failed, retrying on the next tick: {}", e.toString());
        }
    }
}
