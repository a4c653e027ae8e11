package com.computemarket.events;

/** Why a lease closed: typed, so that nobody has to guess who ended it. */
public enum LeaseCloseReason {
    COMPLETED,
    PROVIDER_FAULT,
    HEARTBEAT_LOST,
    CONSUMER_CANCELLED,
    INSUFFICIENT_FUNDS,
    VERIFICATION_FAILED
}
