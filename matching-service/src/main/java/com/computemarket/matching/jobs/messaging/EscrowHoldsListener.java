package com.computemarket.matching.jobs.messaging;

import com.computemarket.events.FundsHeld;
import com.computemarket.events.FundsHoldRejected;
import com.computemarket.events.Topics;
import com.computemarket.matching.MatchingEvents;
import com.computemarket.matching.jobs.application.JobService;
import com.computemarket.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Escrow's answer to JobPosted: open the job for bids, or reject it. */
@Component
class EscrowHoldsListener {

    private final Inbox inbox;
    private final JobService jobs;

    EscrowHoldsListener(Inbox inbox, JobService jobs) {
        this.inbox = inbox;
        this.jobs = jobs;
    }

    @KafkaListener(topics = Topics.ESCROW_HOLDS, groupId = MatchingEvents.CONSUMER)
    void onHoldEvent(ConsumerRecord<String, String> record) {
        inbox.handleOnce(MatchingEvents.CONSUMER, record, event -> {
            switch (event.payload()) {
                case FundsHeld held -> jobs.openFunded(held);
                case FundsHoldRejected rejected -> jobs.rejectUnfunded(rejected);
                default -> { } // other hold events do not concern matching
            }
        });
    }
}
