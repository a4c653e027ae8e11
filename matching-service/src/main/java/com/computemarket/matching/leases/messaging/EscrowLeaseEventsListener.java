package com.computemarket.matching.leases.messaging;

import com.computemarket.events.LeaseFunded;
import com.computemarket.events.LeasePaused;
import com.computemarket.events.LeaseResumed;
import com.computemarket.events.SettlementRecorded;
import com.computemarket.events.Topics;
import com.computemarket.matching.MatchingEvents;
import com.computemarket.matching.leases.application.LeaseService;
import com.computemarket.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Escrow funded a lease, paused or resumed it for its consumer's funds, or settled it. */
@Component
class EscrowLeaseEventsListener {

    private final Inbox inbox;
    private final LeaseService leases;

    EscrowLeaseEventsListener(Inbox inbox, LeaseService leases) {
        this.inbox = inbox;
        this.leases = leases;
    }

    @KafkaListener(topics = {Topics.ESCROW_LEASES, Topics.ESCROW_SETTLEMENTS}, groupId = MatchingEvents.CONSUMER)
    void onLeaseEvent(ConsumerRecord<String, String> record) {
        inbox.handleOnce(MatchingEvents.CONSUMER, record, event -> {
            switch (event.payload()) {
                case LeaseFunded funded -> leases.noteFunded(funded);
                case LeasePaused paused -> leases.notePaused(paused);
                case LeaseResumed resumed -> leases.noteResumed(resumed);
                case SettlementRecorded settlement -> leases.closeSettled(settlement);
                default -> { } // other escrow lease events do not concern matching
            }
        });
    }
}
