package com.computemarket.events;

import java.util.Map;
import java.util.UUID;

/**
 * A job's auction closed with no qualifying bid; {@code reasons} counts providers per reason they could not bid
 * (for example {@code "NO_FREE_CAPACITY": 2}). Escrow releases the job's hold.
 */
public record JobExpired(UUID jobId, String consumer, Map<String, Integer> reasons) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
