package com.computemarket.matching.providers.messaging;

import com.computemarket.events.ReputationUpdated;
import com.computemarket.events.StakeBonded;
import com.computemarket.events.StakeReduced;
import com.computemarket.events.Topics;
import com.computemarket.matching.MatchingEvents;
import com.computemarket.matching.providers.application.ProviderService;
import com.computemarket.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps matching's copies of provider stake (escrow) and reputation (reputation-service) current. */
@Component
class ProviderEventsListener {

    private final Inbox inbox;
    private final ProviderService providers;

    ProviderEventsListener(Inbox inbox, ProviderService providers) {
        this.inbox = inbox;
        this.providers = providers;
    }

    @KafkaListener(topics = {Topics.ESCROW_STAKES, Topics.REPUTATION_SCORES}, groupId = MatchingEvents.CONSUMER)
    void onProviderEvent(ConsumerRecord<String, String> record) {
        inbox.handleOnce(MatchingEvents.CONSUMER, record, event -> {
            switch (event.payload()) {
                case StakeBonded bonded -> providers.noteStakeBonded(bonded);
                case StakeReduced reduced -> providers.noteStakeReduced(reduced);
                case ReputationUpdated updated -> providers.noteReputationUpdated(updated);
                default -> { } // no other provider event concerns matching
            }
        });
    }
}
