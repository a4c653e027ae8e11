package com.computemarket.matching.leases.messaging;

import com.computemarket.events.Topics;
import com.computemarket.events.WorkRejected;
import com.computemarket.events.WorkVerified;
import com.computemarket.matching.MatchingEvents;
import com.computemarket.matching.leases.application.LeaseVerdicts;
import com.computemarket.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Verification judged a lease's result: a rejection may send the job back to auction. */
@Component
class VerdictEventsListener {

    private final Inbox inbox;
    private final LeaseVerdicts verdicts;

    VerdictEventsListener(Inbox inbox, LeaseVerdicts verdicts) {
        this.inbox = inbox;
        this.verdicts = verdicts;
    }

    @KafkaListener(topics = Topics.VERIFICATION_VERDICTS, groupId = MatchingEvents.CONSUMER)
    void onVerdict(ConsumerRecord<String, String> record) {
        inbox.handleOnce(MatchingEvents.CONSUMER, record, event -> {
            switch (event.payload()) {
                case WorkRejected rejected -> verdicts.closeRejected(rejected);
                case WorkVerified verified -> verdicts.noteVerified(verified);
                default -> { } // other events on the verdicts topic do not concern matching
            }
        });
    }
}
