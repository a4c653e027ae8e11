package com.computemarket.chain.withdrawals;

import com.computemarket.events.Topics;
import com.computemarket.events.WithdrawalRequested;
import com.computemarket.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class WithdrawalEventsListener {

    static final String CONSUMER = "chain-indexer";

    private final Inbox inbox;
    private final WithdrawalExecution execution;

    WithdrawalEventsListener(Inbox inbox, WithdrawalExecution execution) {
        this.inbox = inbox;
        this.execution = execution;
    }

    @KafkaListener(topics = Topics.ESCROW_WITHDRAWALS, groupId = CONSUMER)
    void onWithdrawalEvent(ConsumerRecord<String, String> record) {
        inbox.handleOnce(CONSUMER, record, event -> {
            if (event.payload() instanceof WithdrawalRequested requested) {
                execution.accept(requested);
            }
        });
    }
}
