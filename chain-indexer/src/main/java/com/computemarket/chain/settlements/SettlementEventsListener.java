package com.computemarket.chain.settlements;

import com.computemarket.events.SettlementRecorded;
import com.computemarket.events.Topics;
import com.computemarket.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class SettlementEventsListener {

    static final String CONSUMER = "chain-indexer";

    private final Inbox inbox;
    private final SettlementBatching batching;

    SettlementEventsListener(Inbox inbox, SettlementBatching batching) {
        this.inbox = inbox;
        this.batching = batching;
    }

    @KafkaListener(topics = Topics.ESCROW_SETTLEMENTS, groupId = CONSUMER)
    void onSettlementEvent(ConsumerRecord<String, String> record) {
        inbox.handleOnce(CONSUMER, record, event -> {
            if (event.payload() instanceof SettlementRecorded settlement) {
                batching.accept(settlement);
            }
        });
    }
}
