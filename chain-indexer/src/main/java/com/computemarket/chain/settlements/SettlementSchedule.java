package com.computemarket.chain.settlements;

import com.computemarket.chain.ChainProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Looks for due batches every {@code chain.batch.check-interval}. */
@Configuration(proxyBeanMethods = false)
class SettlementSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SettlementSchedule.class);

    private final SettlementAnchoring anchoring;
    private final ChainProperties properties;

    SettlementSchedule(SettlementAnchoring anchoring, ChainProperties properties) {
        this.anchoring = anchoring;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::anchorDueBatches, properties.batch().checkInterval());
    }

    private void anchorDueBatches() {
        try {
            anchoring.anchorDueBatches();
        } catch (RuntimeException e) {
            // The next tick tries again; a closed batch stays CLOSED until its anchor is confirmed.
            log.warn("Anchoring settlement batches failed, retrying on the next tick: {}", e.toString());
        }
    }
}
