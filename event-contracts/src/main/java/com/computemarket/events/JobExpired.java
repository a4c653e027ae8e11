package com.computemarket.events;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A job's auction closed without enough qualifying bids. Escrow releases the job's hold. Two counts explain why, and
 * they count different things:
 *
 * @param reasons        counts the job's BIDS per reason they did not qualify (for example
 *                       {@code "PRICE_ABOVE_MAX": 2}), {@code "NO_BIDS": 1} when nobody bid, and
 *                       {@code "TOO_FEW_QUALIFIED_BIDS"} the bids that qualified but were fewer than the replicas
 * @param providerSurvey counts every PROVIDER matching knew at close, judged as a quote judges them (asking the
 *                       job's maximum price, with the capacity and free stake they had at close): how many could
 *                       have bid, and how many fail each rule (each under the first it fails, for example
 *                       {@code "GPU_MODEL_UNAVAILABLE": 3}); null in events published before the field existed
 */
public record JobExpired(UUID jobId, String consumer, Map<String, Integer> reasons, ProviderSurvey providerSurvey)
        implements MarketEvent {

    /** An expiry without a provider survey, as published before the survey existed. */
    public JobExpired(UUID jobId, String consumer, Map<String, Integer> reasons) {
        this(jobId, consumer, reasons, null);
    }

    @Override
    public String aggregateId() {
        return jobId.toString();
    }

    /**
     * The providers at close: {@code couldBid} could have bid on the job (they did not, or too few of them did),
     * {@code reasons} counts the others per first rule they fail (rules nobody fails are absent).
     */
    public record ProviderSurvey(int couldBid, Map<String, Integer> reasons) {

        public ProviderSurvey {
            if (couldBid < 0) {
                throw new IllegalArgumentException("couldBid must not be negative: " + couldBid);
            }
            reasons = Collections.unmodifiableMap(new TreeMap<>(reasons));
        }
    }
}
