package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;

/** A provider bonded {@code amount} more stake; {@code totalBonded} is its bonded stake after this. */
public record StakeBonded(
        String provider,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger totalBonded) implements MarketEvent {

    @Override
    public String aggregateId() {
        return provider;
    }
}
