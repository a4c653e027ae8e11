package com.computemarket.matching.auction.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many providers could bid on a job, and how many fail each rule (each counted under the first rule it fails;
 * rules nobody fails are absent).
 */
public record EligibilitySurvey(int couldBid, Map<Ineligibility, Integer> reasons) {

    public EligibilitySurvey {
        reasons = reasons.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(reasons));
    }
}
