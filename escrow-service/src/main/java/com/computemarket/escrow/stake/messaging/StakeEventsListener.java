package com.computemarket.escrow.stake.messaging;

import com.computemarket.escrow.stake.application.CollateralService;
import com.computemarket.events.LeaseAwarded;
import com.computemarket.events.LeaseClosed;
import com.computemarket.events.Topics;
import com.computemarket.events.WorkRejected;
import com.computemarket.events.WorkVerified;
import com.computemarket.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Kafka edge of provider collateral, in its own consumer group and inbox name so that it reads every lease and
 * verdict independently of the funding feature. Each record is handled once, in one transaction with its effect.
 */
@Component
class StakeEventsListener {

    static final String CONSUMER_NAME = "escrow-service-stake";

    private final Inbox inbox;
    private final CollateralService collateral;

    StakeEventsListener(Inbox inbox, CollateralService collateral) {
        this.inbox = inbox;
        this.collateral = collateral;
    }

    @KafkaListener(topics = Topics.MATCHING_LEASES, groupId = CONSUMER_NAME)
    void onLeaseEvent(ConsumerRecord<String, String> record) {
        inbox.handleOnce(CONSUMER_NAME, record, event -> {
            switch (event.payload()) {
                case LeaseAwarded awarded -> collateral.lockFor(awarded);
                case LeaseClosed closed -> collateral.settleOnClose(closed, event.id());
                default -> { } // downtime and other lease events do not touch collateral
            }
        });
    }

    @KafkaListener(topics = Topics.VERIFICATION_VERDICTS, groupId = CONSUMER_NAME)
    void onVerdict(ConsumerRecord<String, String> record) {
        inbox.handleOnce(CONSUMER_NAME, record, event -> {
            switch (event.payload()) {
                case WorkVerified verified -> collateral.releaseFor(verified);
                case WorkRejected rejected -> collateral.slashFor(rejected, event.id());
                default -> { } // no other verdict concerns collateral
            }
        });
    }
}
