package com.computemarket.matching.auction.model;

import com.computemarket.matching.providers.model.TestNodes;
import static com.computemarket.matching.jobs.model.TestJobs.CONSUMER;
import static com.computemarket.matching.jobs.model.TestJobs.POSTED_AT;
import static com.computemarket.matching.jobs.model.TestJobs.TOKEN;
import static com.computemarket.matching.jobs.model.TestJobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.providers.model.BidderStanding;
import com.computemarket.matching.providers.model.NodeOffer;
import com.computemarket.matching.resources.ResourceAmounts;
import com.computemarket.matching.resources.ResourceSpec;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BidEligibilityPolicyTest {

    private static final String PROVIDER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private static final BigInteger MIN_STAKE = TOKEN.multiply(BigInteger.valueOf(100));

    private final BidEligibilityPolicy policy = new BidEligibilityPolicy(MIN_STAKE);
    private final Job job = aJob().needing(new ResourceSpec(2000, 4096, 1)).withMaxPricePerHour(TOKEN).open();

    private static BidderStanding provider(BigInteger stake, ResourceSpec... nodes) {
        return new BidderStanding(PROVIDER, stake, 500, TestNodes.idle(nodes));
    }

    private static final ResourceSpec BIG_NODE = new ResourceSpec(8000, 32768, 2);

    @Test
    void aStakedProviderWithAFittingNodeMayBidUpToTheMaximumPrice() {
        assertThat(policy.toPlace(job, Set.of(), provider(MIN_STAKE, BIG_NODE), TOKEN, POSTED_AT)).isEmpty();
    }

    @Test
    void rejectsABidAboveTheMaxPrice() {
        assertThat(policy.toPlace(job, Set.of(), provider(MIN_STAKE, BIG_NODE), TOKEN.add(BigInteger.ONE), POSTED_AT))
                .contains(Ineligibility.PRICE_ABOVE_MAX);
        assertThat(Ineligibility.PRICE_ABOVE_MAX.field()).isEqualTo("pricePerHour");
    }

    @Test
    void rejectsAProviderWithoutANodeCoveringEveryResource() {
        ResourceSpec noGpu = new ResourceSpec(64000, 262144, 0);
        ResourceSpec tooLittleMemory = new ResourceSpec(8000, 4095, 4);

        assertThat(policy.toPlace(job, Set.of(), provider(MIN_STAKE, noGpu, tooLittleMemory), TOKEN, POSTED_AT))
                .contains(Ineligibility.NO_FITTING_NODE);
        assertThat(policy.toPlace(job, Set.of(), provider(MIN_STAKE), TOKEN, POSTED_AT)).contains(Ineligibility.NO_FITTING_NODE);
    }

    @Test
    void rejectsAProviderBelowTheMinimumStake() {
        assertThat(policy.toPlace(job, Set.of(), provider(MIN_STAKE.subtract(BigInteger.ONE), BIG_NODE), TOKEN, POSTED_AT))
                .contains(Ineligibility.INSUFFICIENT_STAKE);
    }

    @Test
    void aConsumerCannotBidOnItsOwnJob() {
        BidderStanding consumerAsProvider = new BidderStanding(CONSUMER.toLowerCase(), MIN_STAKE, 500, TestNodes.idle(BIG_NODE));

        assertThat(policy.toPlace(job, Set.of(), consumerAsProvider, TOKEN, POSTED_AT)).contains(Ineligibility.OWN_JOB);
    }

    @Test
    void noBidsOnceTheWindowHasClosedOrBeforeTheJobIsFunded() {
        assertThat(policy.toPlace(job, Set.of(), provider(MIN_STAKE, BIG_NODE), TOKEN, job.biddingClosesAt()))
                .contains(Ineligibility.BIDDING_CLOSED);
        assertThat(policy.toPlace(aJob().posted(), Set.of(), provider(MIN_STAKE, BIG_NODE), TOKEN, POSTED_AT))
                .contains(Ineligibility.JOB_NOT_OPEN);
    }

    @Test
    void atCloseTheWindowNoLongerMattersButTheStandingDoes() {
        assertThat(policy.toWin(job, Set.of(), provider(MIN_STAKE, BIG_NODE), TOKEN)).isEmpty();
        assertThat(policy.toWin(job, Set.of(), provider(BigInteger.ZERO, BIG_NODE), TOKEN))
                .contains(Ineligibility.INSUFFICIENT_STAKE);
    }

    @Test
    void aQuoteSortsEachProviderUnderTheFirstRuleItFailsWithoutAPrice() {
        BidTerms terms = BidTerms.of(CONSUMER, aJob().needing(new ResourceSpec(2000, 4096, 1)).spec());
        BidderStanding consumerAsProvider = new BidderStanding(CONSUMER, MIN_STAKE, 500, TestNodes.idle(BIG_NODE));
        BidderStanding unstakedWithoutNode = provider(BigInteger.ZERO);

        EligibilitySurvey survey = policy.survey(terms, List.of(provider(MIN_STAKE, BIG_NODE),
                provider(MIN_STAKE, BIG_NODE), consumerAsProvider, unstakedWithoutNode,
                provider(MIN_STAKE, new ResourceSpec(2000, 4096, 0)), provider(BigInteger.ONE, BIG_NODE)));

        assertThat(survey).isEqualTo(new EligibilitySurvey(2, Map.of(Ineligibility.OWN_JOB, 1,
                Ineligibility.NO_FITTING_NODE, 2, Ineligibility.INSUFFICIENT_STAKE, 1)));
    }

    @Test
    void bidsAwardsAndQuotesJudgeAStandingAlike() {
        BidderStanding unstaked = provider(BigInteger.ZERO, BIG_NODE);

        assertThat(policy.toBidOn(BidTerms.of(job, Set.of()), unstaked)).isEqualTo(policy.toWin(job, Set.of(), unstaked, TOKEN))
                .contains(Ineligibility.INSUFFICIENT_STAKE);
        assertThat(policy.toBidOn(BidTerms.of(job, Set.of()), provider(MIN_STAKE, BIG_NODE))).isEmpty();
    }

    @Test
    void rejectsAProviderScoredBelowTheJobsMinimumReputation() {
        Job picky = aJob().withMaxPricePerHour(TOKEN).withMinReputation(600).open();
        BidderStanding scored599 = new BidderStanding(PROVIDER, MIN_STAKE, 599, TestNodes.idle(BIG_NODE));
        BidderStanding scored600 = new BidderStanding(PROVIDER, MIN_STAKE, 600, TestNodes.idle(BIG_NODE));

        assertThat(policy.toPlace(picky, Set.of(), scored599, TOKEN, POSTED_AT)).contains(Ineligibility.REPUTATION_BELOW_MINIMUM);
        assertThat(policy.toPlace(picky, Set.of(), scored600, TOKEN, POSTED_AT)).isEmpty();
        assertThat(Ineligibility.REPUTATION_BELOW_MINIMUM.field()).isEqualTo("reputationScore");
    }

    private static NodeOffer node(String region, Map<String, String> attributes, String gpuModel, int vram,
            ResourceSpec capacity, ResourceAmounts free) {
        return new NodeOffer(UUID.randomUUID(), region, attributes, gpuModel, vram, capacity, free);
    }

    private Optional<Ineligibility> reasonFor(Job job, NodeOffer... nodes) {
        return policy.toPlace(job, Set.of(), new BidderStanding(PROVIDER, MIN_STAKE, 500, List.of(nodes)), TOKEN, POSTED_AT);
    }

    @Test
    void placementRulesBlameTheRuleTheFurthestNodeFailsAndTellBusyFromTooSmall() {
        Job constrained = aJob().needing(new ResourceSpec(2000, 4096, 1)).withMaxPricePerHour(TOKEN)
                .withGpus("H100", 40960).inRegions("us-east", "us-west").requiring(Map.of("tee", "sgx")).open();
        ResourceAmounts idle = ResourceAmounts.of(BIG_NODE);
        ResourceSpec tiny = new ResourceSpec(1000, 1024, 1);
        NodeOffer inEurope = node("eu-west", Map.of("tee", "sgx"), "H100", 81920, BIG_NODE, idle);
        NodeOffer withoutTee = node("us-east", Map.of("tee", "none"), "H100", 81920, BIG_NODE, idle);
        NodeOffer otherGpu = node("us-east", Map.of("tee", "sgx"), "A100", 81920, BIG_NODE, idle);
        NodeOffer smallGpuMemory = node("us-west", Map.of("tee", "sgx"), "H100", 24576, BIG_NODE, idle);
        NodeOffer tooSmall = node("us-east", Map.of("tee", "sgx"), "H100", 81920, tiny, ResourceAmounts.of(tiny));
        NodeOffer busy = node("us-west", Map.of("tee", "sgx", "rack", "b7"), "h100", 81920, BIG_NODE,
                new ResourceAmounts(8000, 32768, 0, 0));
        NodeOffer suitable = node("us-west", Map.of("tee", "sgx"), "H100", 81920, BIG_NODE, idle);

        assertThat(reasonFor(constrained, inEurope)).contains(Ineligibility.REGION_NOT_ALLOWED);
        assertThat(reasonFor(constrained, inEurope, withoutTee)).contains(Ineligibility.MISSING_ATTRIBUTE);
        assertThat(reasonFor(constrained, withoutTee, otherGpu)).contains(Ineligibility.GPU_MODEL_UNAVAILABLE);
        assertThat(reasonFor(constrained, smallGpuMemory)).contains(Ineligibility.GPU_MODEL_UNAVAILABLE);
        assertThat(reasonFor(constrained, otherGpu, tooSmall, inEurope)).contains(Ineligibility.NO_FITTING_NODE);
        assertThat(reasonFor(constrained, tooSmall, busy)).contains(Ineligibility.NO_FREE_CAPACITY);
        assertThat(reasonFor(constrained, busy, inEurope, suitable)).isEmpty();
        assertThat(NodePlacement.bestFit(List.of(busy, inEurope, suitable), constrained.nodeRequirement()))
                .contains(suitable);
    }

    @Test
    void aProviderThatFailedOrRunsALeaseOfTheJobIsExcludedWhateverTheAddressCase() {
        Set<String> excluded = Set.of(PROVIDER.toLowerCase());

        assertThat(policy.toPlace(job, excluded, provider(MIN_STAKE, BIG_NODE), TOKEN, POSTED_AT))
                .contains(Ineligibility.PROVIDER_EXCLUDED);
        assertThat(policy.toWin(job, excluded, provider(MIN_STAKE, BIG_NODE), TOKEN))
                .contains(Ineligibility.PROVIDER_EXCLUDED);
        assertThat(Ineligibility.PROVIDER_EXCLUDED.slug()).isEqualTo("provider-excluded");
    }

    @Test
    void reasonsHaveStableSlugsAndCloseReasons() {
        assertThat(Ineligibility.INSUFFICIENT_STAKE.slug()).isEqualTo("insufficient-stake");
        assertThat(Ineligibility.PRICE_ABOVE_MAX.closeReason()).isEqualTo("INELIGIBLE:PRICE_ABOVE_MAX");
    }
}
