package com.computemarket.escrow;

import com.computemarket.events.MarketEvent;

/**
 * Announces what escrow did to the rest of the market. Must be called inside the business transaction that did it,
 * so that the fact and its announcement commit or vanish together. The application services depend on this rather
 * than on the outbox directly so that they can run without a database (unit tests, the ledger simulation).
 */
public interface MarketEventPublisher {

    void publish(MarketEvent event);
}
