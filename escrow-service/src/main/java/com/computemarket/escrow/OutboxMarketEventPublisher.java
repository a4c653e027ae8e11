package com.computemarket.escrow;

import com.computemarket.events.MarketEvent;
import com.computemarket.messaging.EventOutbox;
import org.springframework.stereotype.Component;

/** Publishes through the transactional outbox: written with the business change, relayed to Kafka after commit. */
@Component
class OutboxMarketEventPublisher implements MarketEventPublisher {

    private final EventOutbox outbox;

    OutboxMarketEventPublisher(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void publish(MarketEvent event) {
        outbox.append(event);
    }
}
