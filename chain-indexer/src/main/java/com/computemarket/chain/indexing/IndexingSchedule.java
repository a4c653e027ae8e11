package com.computemarket.chain.indexing;

import com.computemarket.chain.ChainProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Polls the chain every {@code chain.poll-interval}. */
@Configuration(proxyBeanMethods = false)
class IndexingSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IndexingSchedule.class);

    private final ChainFollower follower;
    private final ChainProperties properties;

    IndexingSchedule(ChainFollower follower, ChainProperties properties) {
        this.follower = follower;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::poll, properties.pollInterval());
    }

    private void poll() {
        try {
            follower.poll();
        } catch (RuntimeException e) {
            // Each step commits with its cursor, so the next tick resumes after the last stored range.
            log.warn("Indexing the chain failed, retrying on the next tick: {}", e.toString());
        }
    }
}
