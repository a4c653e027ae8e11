package com.computemarket.matching.jobs.application;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param priceLookback    how far back a quote looks for clearing prices of similar leases
 * @param priceSampleLimit most recent similar leases a quote's price estimate is based on
 */
@ConfigurationProperties("matching.quote")
public record QuoteProperties(
        @DefaultValue("7d") Duration priceLookback,
        @DefaultValue("1000") int priceSampleLimit) {
}
