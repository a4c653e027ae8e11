package com.computemarket.escrow.accounts.messaging;

import com.computemarket.escrow.accounts.application.DepositService;
import com.computemarket.events.DepositConfirmed;
import com.computemarket.events.Topics;
import com.computemarket.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Kafka edge of deposits: each confirmed deposit is credited once, in one transaction with its inbox record. */
@Component
class DepositEventsListener {

    static final String CONSUMER_NAME = "escrow-service";

    private final Inbox inbox;
    private final DepositService deposits;

    DepositEventsListener(Inbox inbox, DepositService deposits) {
        this.inbox = inbox;
        this.deposits = deposits;
    }

    @KafkaListener(topics = Topics.CHAIN_DEPOSITS, groupId = CONSUMER_NAME)
    void onDeposit(ConsumerRecord<String, String> record) {
        inbox.handleOnce(CONSUMER_NAME, record, event -> {
            switch (event.payload()) {
                case DepositConfirmed deposit -> deposits.credit(deposit);
                default -> { } // withdrawals arrive in a later issue
            }
        });
    }
}
