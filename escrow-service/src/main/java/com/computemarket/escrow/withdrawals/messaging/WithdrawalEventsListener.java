package com.computemarket.escrow.withdrawals.messaging;

import com.computemarket.escrow.withdrawals.application.WithdrawalService;
import com.computemarket.events.Topics;
import com.computemarket.events.WithdrawalExecuted;
import com.computemarket.events.WithdrawalFailed;
import com.computemarket.events.WithdrawalReopened;
import com.computemarket.events.WithdrawalReversed;
import com.computemarket.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Kafka edge of withdrawals: chain-indexer's answer to each withdrawal is applied once, in one transaction with its
 * inbox record. An answer escrow cannot apply (an unknown withdrawal, executed after failing, another amount, a
 * reopening out of turn or of a withdrawal not executed) fails, is retried, and is dead-lettered to {@code chain.withdrawals.v1.DLT} for someone to look at.
 */
@Component
class WithdrawalEventsListener {

    static final String CONSUMER_NAME = "escrow-service";

    private final Inbox inbox;
    private final WithdrawalService withdrawals;

    WithdrawalEventsListener(Inbox inbox, WithdrawalService withdrawals) {
        this.inbox = inbox;
        this.withdrawals = withdrawals;
    }

    @KafkaListener(topics = Topics.CHAIN_WITHDRAWALS, groupId = CONSUMER_NAME)
    void onWithdrawalAnswer(ConsumerRecord<String, String> record) {
        inbox.handleOnce(CONSUMER_NAME, record, event -> {
            switch (event.payload()) {
                case WithdrawalExecuted executed -> withdrawals.confirmExecuted(executed);
                case WithdrawalFailed failed -> withdrawals.compensate(failed);
                case WithdrawalReversed reversed -> withdrawals.reverse(reversed);
                case WithdrawalReopened reopened -> withdrawals.reopen(reopened);
                default -> { } // no other type is published to this topic; skipped, not failed
            }
        });
    }
}
