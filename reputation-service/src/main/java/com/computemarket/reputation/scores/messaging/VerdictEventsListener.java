package com.computemarket.reputation.scores.messaging;

import com.computemarket.events.Topics;
import com.computemarket.events.WorkRejected;
import com.computemarket.events.WorkVerified;
import com.computemarket.messaging.Inbox;
import com.computemarket.reputation.ReputationProperties;
import com.computemarket.reputation.scores.application.Reputations;
import com.computemarket.reputation.scores.model.Verdict;
import com.computemarket.reputation.scores.model.WorkOutcome;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Kafka edge: each verdict moves its provider's score once, however often it is delivered. */
@Component
class VerdictEventsListener {

    private final Inbox inbox;
    private final Reputations reputations;
    private final String consumerName;

    VerdictEventsListener(Inbox inbox, Reputations reputations, ReputationProperties properties) {
        this.inbox = inbox;
        this.reputations = reputations;
        this.consumerName = properties.consumerGroup();
    }

    @KafkaListener(topics = Topics.VERIFICATION_VERDICTS, groupId = "${reputation.consumer-group:reputation-service}")
    void onVerdict(ConsumerRecord<String, String> record) {
        inbox.handleOnce(consumerName, record, event -> {
            switch (event.payload()) {
                case WorkVerified verified -> reputations.recordVerdict(new Verdict(event.id(),
                        event.type().typeName(), WorkOutcome.VERIFIED, verified.provider(), verified.leaseId(),
                        verified.jobId(), null, event.occurredAt()));
                case WorkRejected rejected -> reputations.recordVerdict(new Verdict(event.id(),
                        event.type().typeName(), WorkOutcome.REJECTED, rejected.provider(), rejected.leaseId(),
                        rejected.jobId(), rejected.reason(), event.occurredAt()));
                default -> { } // the verdicts topic carries only verdicts today; others do not move scores
            }
        });
    }
}
