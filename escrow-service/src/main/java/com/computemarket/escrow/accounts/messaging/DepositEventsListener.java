package com.computemarket.escrow.accounts.messaging;

import com.computemarket.escrow.accounts.application.DepositReversalService;
import com.computemarket.escrow.accounts.application.DepositService;
import com.computemarket.events.DepositConfirmed;
import com.computemarket.events.DepositReversed;
import com.computemarket.events.Topics;
import com.computemarket.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Kafka edge of deposits: each confirmed deposit is credited once, and each deposit a reorg removed is taken back
 * once, in one transaction with its inbox record.
 */
@Component
class DepositEventsListener {

    static final String CONSUMER_NAME = "escrow-service";

    private final Inbox inbox;
    private final DepositService deposits;
    private final DepositReversalService reversals;

    DepositEventsListener(Inbox inbox, DepositService deposits, DepositReversalService reversals) {
        this.inbox = inbox;
        this.deposits = deposits;
        this.reversals = reversals;
    }

    @KafkaListener(topics = Topics.CHAIN_DEPOSITS, groupId = CONSUMER_NAME)
    void onDeposit(ConsumerRecord<String, String> record) {
        inbox.handleOnce(CONSUMER_NAME, record, event -> {
            switch (event.payload()) {
                case DepositConfirmed deposit -> deposits.credit(deposit);
                case DepositReversed reversed -> reversals.reverse(reversed);
                default -> { } // no other type is published to this topic today; skipped, not failed
            }
        });
    }
}
