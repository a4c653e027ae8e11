package com.computemarket.chain.transactions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs a sender round every {@code chain.transactions.poll-interval}. */
@Configuration(proxyBeanMethods = false)
class TransactionSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(TransactionSchedule.class);

    private final TransactionSender sender;
    private final TransactionProperties properties;

    TransactionSchedule(TransactionSender sender, TransactionProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sendAndTrack, properties.pollInterval());
    }

    private void sendAndTrack() {
        try {
            sender.sendAndTrack();
        } catch (RuntimeException e) {
            // Everything is in the journal: the next round continues where this one stopped.
            log.warn("Sending transactions failed, continuing on the next round: {}", e.toString());
        }
    }
}
