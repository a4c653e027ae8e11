package com.computemarket.verification.results.messaging;

import com.computemarket.events.LeaseAwarded;
import com.computemarket.events.LeaseCloseReason;
import com.computemarket.events.LeaseClosed;
import com.computemarket.events.LeaseFunded;
import com.computemarket.events.Topics;
import com.computemarket.messaging.Inbox;
import com.computemarket.verification.VerificationProperties;
import com.computemarket.verification.results.application.LeaseResults;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Kafka edge: each awarded lease becomes a lease awaiting its provider's commitment, escrow's funding of it opens it
 * for that commitment, and its close for the consumer's cancel or for insufficient funds ends the wait; each event
 * once.
 */
@Component
class LeaseEventsListener {

    private final Inbox inbox;
    private final LeaseResults results;
    private final String consumerName;

    LeaseEventsListener(Inbox inbox, LeaseResults results, VerificationProperties properties) {
        this.inbox = inbox;
        this.results = results;
        this.consumerName = properties.consumerGroup();
    }

    @KafkaListener(topics = Topics.MATCHING_LEASES, groupId = "${verification.consumer-group:verification-service}")
    void onLeaseEvent(ConsumerRecord<String, String> record) {
        inbox.handleOnce(consumerName, record, event -> {
            switch (event.payload()) {
                case LeaseAwarded awarded -> results.recordAward(awarded);
                case LeaseClosed closed when closed.reason() == LeaseCloseReason.CONSUMER_CANCELLED ->
                        results.cancelLease(closed);
                case LeaseClosed closed when closed.reason() == LeaseCloseReason.INSUFFICIENT_FUNDS ->
                        results.lapseLease(closed);
                default -> { } // other closes and lease events do not concern verification
            }
        });
    }

    @KafkaListener(topics = Topics.ESCROW_LEASES, groupId = "${verification.consumer-group:verification-service}")
    void onEscrowLeaseEvent(ConsumerRecord<String, String> record) {
        inbox.handleOnce(consumerName, record, event -> {
            if (event.payload() instanceof LeaseFunded funded) {
                results.recordFunding(funded, event.occurredAt());
            }
        });
    }
}
