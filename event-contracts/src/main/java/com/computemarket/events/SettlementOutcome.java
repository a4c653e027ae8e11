package com.computemarket.events;

/** Whether a settlement paid the provider or refunded the consumer. */
public enum SettlementOutcome {
    PAID,
    REFUNDED
}
