package com.computemarket.matching.jobs.application;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer to a quote: how many providers could bid, what similar leases cleared at recently ({@code null} when
 * none did), and how many providers fail each eligibility rule (under the first rule they fail).
 */
public record JobQuote(int wouldBid, PriceEstimate priceEstimate, Map<String, Integer> reasons) {

    public JobQuote {
        // Sorted by name, so the answer reads the same every time.
        reasons = Collections.unmodifiableMap(new TreeMap<>(reasons));
    }

    /** Percentiles of recent clearing prices per hour, in base units as decimal strings. */
    public record PriceEstimate(String p10, String median, String p90) {
    }
}
