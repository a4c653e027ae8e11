package com.computemarket.escrow.funding.messaging;

import com.computemarket.escrow.funding.application.FundingService;
import com.computemarket.events.JobCancelled;
import com.computemarket.events.JobExpired;
import com.computemarket.events.LeaseCloseReason;
import com.computemarket.events.JobPosted;
import com.computemarket.events.JobRelisted;
import com.computemarket.events.LeaseAwarded;
import com.computemarket.events.LeaseClosed;
import com.computemarket.events.LeaseDowntimeRecorded;
import com.computemarket.events.Topics;
import com.computemarket.events.WorkRejected;
import com.computemarket.events.WorkVerified;
import com.computemarket.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Kafka edge of the funding feature: each record is handled once, in one transaction with its effect. Failures
 * propagate to the container's bounded retries and dead-letter topic.
 */
@Component
class FundingEventsListener {

    static final String CONSUMER_NAME = "escrow-service";

    private final Inbox inbox;
    private final FundingService funding;

    FundingEventsListener(Inbox inbox, FundingService funding) {
        this.inbox = inbox;
        this.funding = funding;
    }

    @KafkaListener(topics = Topics.MATCHING_JOBS, groupId = CONSUMER_NAME)
    void onJobEvent(ConsumerRecord<String, String> record) {
        inbox.handleOnce(CONSUMER_NAME, record, event -> {
            switch (event.payload()) {
                case JobPosted posted -> funding.placeHold(posted);
                case JobRelisted relisted -> funding.placeHold(relisted);
                case JobExpired expired -> funding.releaseHold(expired);
                case JobCancelled cancelled -> funding.releaseCancelledJob(cancelled);
                default -> { } // JobOpened and later job events move no money
            }
        });
    }

    @KafkaListener(topics = Topics.MATCHING_LEASES, groupId = CONSUMER_NAME)
    void onLeaseEvent(ConsumerRecord<String, String> record) {
        inbox.handleOnce(CONSUMER_NAME, record, event -> {
            switch (event.payload()) {
                case LeaseAwarded awarded -> funding.fundLease(awarded);
                case LeaseDowntimeRecorded downtime -> funding.refundDowntime(downtime);
                case LeaseClosed closed when closed.reason() == LeaseCloseReason.CONSUMER_CANCELLED ->
                        funding.settleCancelled(closed);
                case LeaseClosed closed -> funding.settleLost(closed);
                default -> { } // other lease events move no money
            }
        });
    }

    @KafkaListener(topics = Topics.VERIFICATION_VERDICTS, groupId = CONSUMER_NAME)
    void onVerdict(ConsumerRecord<String, String> record) {
        inbox.handleOnce(CONSUMER_NAME, record, event -> {
            switch (event.payload()) {
                case WorkVerified verified -> funding.payProvider(verified);
                case WorkRejected rejected -> funding.refundConsumer(rejected);
                default -> { } // no other verdict moves money yet
            }
        });
    }
}
