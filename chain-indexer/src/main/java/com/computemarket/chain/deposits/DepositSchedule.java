package com.computemarket.chain.deposits;

import com.computemarket.chain.ChainProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Polls for deposits every {@code chain.poll-interval}. */
@Configuration(proxyBeanMethods = false)
class DepositSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DepositSchedule.class);

    private final DepositPoller poller;
    private final ChainProperties properties;

    DepositSchedule(DepositPoller poller, ChainProperties properties) {
        this.poller = poller;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::poll, properties.pollInterval());
    }

    private void poll() {
        try {
            poller.poll();
        } catch (RuntimeException e) {
            // The cursor did not move, so the next tick reads the same range again.
            log.warn("Polling deposits failed, retrying on the next tick: {}", e.toString());
        }
    }
}
