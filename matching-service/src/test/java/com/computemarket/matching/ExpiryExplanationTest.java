package com.computemarket.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.events.EventType;
import com.computemarket.testsupport.TestAddresses;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Why a job expired, told twice over the real database and broker: per bid ({@code reason}, {@code JobExpired.reasons})
 * and per provider ({@code providerSurvey}), the latter the same counts a quote made just before gives. And the
 * free-stake rule: a provider whose stake backs one lease's collateral wins one job and is refused the next, at award
 * (within one closing batch), at bid time, in a quote and in the expiry's counts.
 *
 * <p>Every job here is placed in a region of its own, so the providers other tests registered in the shared database
 * all fail the region rule alike in the quote and at expiry, and the other counts are this test's providers only.
 */
@MatchingIntegrationTest
class ExpiryExplanationTest {

    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    private MarketActions market;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TestClock clock;

    private final KafkaEvents kafka = new KafkaEvents();

    private static String uniqueRegion() {
        return "expiry-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A provider with one node of {@code gpuCount} GPUs in {@code region}, {@code bondedStake} bonded (as if
     * StakeBonded had arrived).
     */
    private String provider(String region, int gpuCount, String gpuModel, BigInteger bondedStake, int reputationScore)
            throws Exception {
        String provider = TestAddresses.fresh();
        market.call(post("/api/v1/providers/me/nodes").content("""
                {"name": "node-1", "cpuMillicores": 8000, "memoryMb": 16384, "gpuCount": %d, "gpuModel": "%s",
                 "region": "%s"}
                """.formatted(gpuCount, gpuModel, region)), provider).andExpect(status().isCreated());
        jdbc.sql("update provider set bonded_stake = ?, reputation_score = ? where address = ?")
                .params(new BigDecimal(bondedStake), reputationScore, provider).update();
        return provider;
    }

    private static String jobBody(String region, String maxPricePerHour, int minReputation) {
        return """
                {"resources": {"cpuMillicores": 2000, "memoryMb": 4096, "gpuCount": 1, "gpuModel": "H100"},
                 "workload": {"kind": "OCI", "reference": "ghcr.io/acme/train:3.0"},
                 "durationSeconds": 3600, "maxPricePerHour": "%s", "replicas": 1, "verificationMode": "NONE",
                 "biddingWindowSeconds": 600, "placement": {"regions": ["%s"], "minReputation": %d}}
                """.formatted(maxPricePerHour, region, minReputation);
    }

    private String openJob(String consumer, String body) throws Exception {
        String jobId = JsonPath.read(market.call(post("/api/v1/jobs").content(body), consumer)
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(), "$.jobId");
        market.openWithFundsHeld(jobId, consumer);
        return jobId;
    }

    private String quote(String consumer, String body) throws Exception {
        return market.call(post("/api/v1/jobs/quote").content(body), consumer).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private String job(String jobId, String consumer) throws Exception {
        return market.call(get("/api/v1/jobs/{jobId}", jobId), consumer).andReturn().getResponse()
                .getContentAsString();
    }

    private String awaitEnded(String jobId, String consumer) {
        return await().atMost(PATIENCE).until(() -> job(jobId, consumer),
                job -> List.of("AWARDED", "EXPIRED").contains(JsonPath.<String>read(job, "$.status")));
    }

    private JsonNode publishedExpiry(String jobId) {
        return await().atMost(PATIENCE).until(() -> kafka.published(EventType.JOB_EXPIRED, jobId),
                events -> !events.isEmpty()).getFirst();
    }

    @Test
    void aJobNobodyBidOnExpiresWithTheProvidersCountedAsAQuoteJustBeforeCountedThem() throws Exception {
        String region = uniqueRegion();
        String consumer = TestAddresses.fresh();
        BigInteger stake = TOKEN.multiply(BigInteger.valueOf(1000));
        for (int index = 0; index < 3; index++) {
            provider(region, 1, "A100", stake, 700);                     // GPU_MODEL_UNAVAILABLE
        }
        for (int index = 0; index < 2; index++) {
            String busy = provider(region, 1, "H100", stake, 700);       // NO_FREE_CAPACITY: a lease holds the GPU
            jdbc.sql("update provider_node set reserved_gpu_count = 1 where provider_address = ?").param(busy)
                    .update();
        }
        for (int index = 0; index < 4; index++) {
            provider(region, 1, "H100", stake, 599);                     // REPUTATION_BELOW_MINIMUM
        }
        provider(region, 1, "H100", stake, 600);                         // could bid, but does not
        String body = jobBody(region, "2000000000000000000", 600);
        String jobId = openJob(consumer, body);
        String quote = quote(consumer, body);

        clock.advance(MarketActions.PAST_THE_WINDOW);
        String expired = awaitEnded(jobId, consumer);

        assertThat(JsonPath.<String>read(expired, "$.status")).isEqualTo("EXPIRED");
        assertThat(JsonPath.<String>read(expired, "$.reason")).isEqualTo("NO_BIDS=1");
        Map<String, Integer> quoted = JsonPath.read(quote, "$.reasons");
        Map<String, Integer> surveyed = JsonPath.read(expired, "$.providerSurvey.reasons");
        assertThat(surveyed).isEqualTo(quoted).containsEntry("GPU_MODEL_UNAVAILABLE", 3)
                .containsEntry("NO_FREE_CAPACITY", 2).containsEntry("REPUTATION_BELOW_MINIMUM", 4);
        assertThat(JsonPath.<Integer>read(expired, "$.providerSurvey.couldBid"))
                .isEqualTo(JsonPath.<Integer>read(quote, "$.wouldBid")).isEqualTo(1);
        JsonNode event = publishedExpiry(jobId);
        assertThat(event.get("reasons").get("NO_BIDS").asInt()).isEqualTo(1);
        assertThat(event.get("providerSurvey").get("couldBid").asInt()).isEqualTo(1);
        assertThat(event.get("providerSurvey").get("reasons").get("GPU_MODEL_UNAVAILABLE").asInt()).isEqualTo(3);
        assertThat(event.get("providerSurvey").get("reasons").get("NO_FREE_CAPACITY").asInt()).isEqualTo(2);
        assertThat(event.get("providerSurvey").get("reasons").get("REPUTATION_BELOW_MINIMUM").asInt()).isEqualTo(4);
    }

    @Test
    void aProviderStakedForOneLeaseWinsOneJobAndIsRefusedTheNext() throws Exception {
        String region = uniqueRegion();
        String consumer = TestAddresses.fresh();
        // 1000 tokens an hour for an hour: the lease is worth 1000 tokens and locks 10% of it, 100 tokens. Bonded 150:
        // above the 100-token minimum, enough for one lease's collateral and 50 short of a second's.
        String price = TOKEN.multiply(BigInteger.valueOf(1000)).toString();
        // Two GPUs: its node has room for both jobs, so only the stake can stop the second.
        String provider = provider(region, 2, "H100", TOKEN.multiply(BigInteger.valueOf(150)), 500);
        String body = jobBody(region, price, 0);
        String first = openJob(consumer, body);
        String second = openJob(consumer, body);
        market.bid(provider, first, price).andExpect(status().isCreated());
        market.bid(provider, second, price).andExpect(status().isCreated());

        clock.advance(MarketActions.PAST_THE_WINDOW);
        List<String> ended = List.of(awaitEnded(first, consumer), awaitEnded(second, consumer));

        List<String> statuses = ended.stream().map(job -> JsonPath.<String>read(job, "$.status")).toList();
        assertThat(statuses).containsExactlyInAnyOrder("AWARDED", "EXPIRED");
        String expired = ended.get(statuses.indexOf("EXPIRED"));
        assertThat(JsonPath.<String>read(expired, "$.reason")).isEqualTo("INSUFFICIENT_FREE_STAKE=1");
        assertThat(JsonPath.<Map<String, Integer>>read(expired, "$.providerSurvey.reasons"))
                .containsEntry("INSUFFICIENT_FREE_STAKE", 1);
        assertThat(JsonPath.<Integer>read(expired, "$.providerSurvey.couldBid")).isZero();

        String third = openJob(consumer, body);
        market.bid(provider, third, price).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/insufficient-free-stake"))
                .andExpect(jsonPath("$.field").value("bondedStake"));
        String quote = quote(consumer, body);
        assertThat(JsonPath.<Integer>read(quote, "$.wouldBid")).isZero();
        assertThat(JsonPath.<Map<String, Integer>>read(quote, "$.reasons")).containsEntry("INSUFFICIENT_FREE_STAKE", 1);
        // Half the price locks half the collateral, which the 50 tokens left free cover.
        String halfPrice = TOKEN.multiply(BigInteger.valueOf(500)).toString();
        market.bid(provider, third, halfPrice).andExpect(status().isCreated());
    }
}
