package com.computemarket.matching.jobs.application;

import com.computemarket.api.ApiProblem;
import com.computemarket.matching.auction.application.AuctionProperties;
import com.computemarket.matching.auction.model.BidEligibilityPolicy;
import com.computemarket.matching.auction.model.BidTerms;
import com.computemarket.matching.auction.model.EligibilitySurvey;
import com.computemarket.matching.jobs.model.InvalidJobSpec;
import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.jobs.model.JobSpec;
import com.computemarket.matching.leases.persistence.LeaseRepository;
import com.computemarket.matching.pricing.PricePercentiles;
import com.computemarket.matching.providers.application.ProviderService;
import com.computemarket.matching.resources.ResourceSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A dry run of posting a job: judges every known provider with the bidding rules ({@link BidEligibilityPolicy}, the
 * same code a bid and an award go through) and estimates the price from recent awards of similar jobs. Stores
 * nothing and emits nothing. Providers have no standing price, so the estimate can only come from past awards.
 */
@Service
public class QuoteService {

    /** Jobs count as similar when CPU and memory are each within this factor of the quoted job's (same GPU count). */
    static final int SIMILARITY_FACTOR = 2;

    private final ProviderService providers;
    private final LeaseRepository leases;
    private final BidEligibilityPolicy eligibility;
    private final QuoteProperties properties;
    private final AuctionProperties auction;
    private final Clock clock;

    QuoteService(ProviderService providers, LeaseRepository leases, BidEligibilityPolicy eligibility,
            QuoteProperties properties, AuctionProperties auction, Clock clock) {
        this.providers = providers;
        this.leases = leases;
        this.eligibility = eligibility;
        this.properties = properties;
        this.auction = auction;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public JobQuote quote(String consumer, JobSpec spec) {
        try {
            Job.checkSpec(spec, clock.instant());
            Job.checkEarlyCloseReachable(spec, auction.maxBidsPerJob());
        } catch (InvalidJobSpec invalid) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-job-spec", invalid.getMessage(), invalid.field());
        }
        EligibilitySurvey survey = eligibility.survey(BidTerms.of(consumer, spec), providers.allStandings());
        Map<String, Integer> reasons = new HashMap<>();
        survey.reasons().forEach((reason, count) -> reasons.put(reason.name(), count));
        JobQuote.PriceEstimate estimate = PricePercentiles.of(recentClearingPrices(spec.resources()))
                .map(percentiles -> new JobQuote.PriceEstimate(percentiles.p10().toString(),
                        percentiles.median().toString(), percentiles.p90().toString()))
                .orElse(null);
        return new JobQuote(survey.couldBid(), estimate, reasons);
    }

    private List<BigInteger> recentClearingPrices(ResourceSpec needed) {
        return leases.findRecentClearingPrices(clock.instant().minus(properties.priceLookback()), needed.gpuCount(),
                        needed.cpuMillicores() / SIMILARITY_FACTOR, (long) needed.cpuMillicores() * SIMILARITY_FACTOR,
                        needed.memoryMb() / SIMILARITY_FACTOR, needed.memoryMb() * SIMILARITY_FACTOR,
                        properties.priceSampleLimit())
                .stream().map(BigDecimal::toBigIntegerExact).toList();
    }
}
