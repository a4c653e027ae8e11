package com.computemarket.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.events.EventType;
import com.computemarket.testsupport.TestAddresses;
import com.computemarket.testsupport.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * GET /api/v1/market/prices over real awards: jobs posted, funded, bid on and awarded by the auction closer, their
 * leases then moved back in time (as if awarded hours or days ago) so each lands in a known bucket. Only this test
 * awards memory-heavy jobs, so its class's buckets hold exactly these awards.
 */
@MatchingIntegrationTest
class MarketPriceIndexTest {

    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    private final KafkaEvents kafka = new KafkaEvents();

    @Autowired
    private MockMvc mvc;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TestClock clock;

    private ResultActions call(MockHttpServletRequestBuilder request, String caller) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(caller))
                .contentType(MediaType.APPLICATION_JSON));
    }

    private static String tokens(long count) {
        return TOKEN.multiply(BigInteger.valueOf(count)).toString();
    }

    private String stakedProvider() throws Exception {
        String provider = TestAddresses.fresh();
        call(post("/api/v1/providers/me/nodes").content("""
                {"name": "big-memory", "cpuMillicores": 4000, "memoryMb": 65536, "gpuCount": 0, "region": "eu-west"}
                """), provider).andExpect(status().isCreated());
        jdbc.sql("update provider set bonded_stake = ? where address = ?")
                .param(new BigDecimal(TOKEN.multiply(BigInteger.valueOf(100)))).param(provider).update();
        return provider;
    }

    private String postJob(String consumer, int cpuMillicores, long memoryMb, int gpuCount) throws Exception {
        String response = call(post("/api/v1/jobs").content("""
                {"resources": {"cpuMillicores": %d, "memoryMb": %d, "gpuCount": %d},
                 "workload": {"kind": "OCI", "reference": "ghcr.io/acme/index:1"},
                 "durationSeconds": 7200, "maxPricePerHour": "%s", "replicas": 1,
                 "verificationMode": "NONE", "biddingWindowSeconds": 3600}
                """.formatted(cpuMillicores, memoryMb, gpuCount, tokens(100))), consumer)
                .andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(response, "$.jobId");
    }

    /**
     * A memory-heavy job (exactly 8 GiB per core) awarded by the closer to {@code winner} at {@code price} tokens
     * per hour against a dearer losing bid, its lease then moved to {@code awardedAt}.
     */
    private void awardedAt(Instant awardedAt, String winner, String loser, long price) throws Exception {
        String consumer = TestAddresses.fresh();
        String jobId = postJob(consumer, 1000, 8192, 0);
        kafka.publishExample(EventType.FUNDS_HELD, jobId, example -> {
            example.put("jobId", jobId);
            example.put("consumer", consumer);
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> jobStatus(jobId).equals("OPEN"));
        call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"%s\"}".formatted(tokens(price))),
                winner).andExpect(status().isCreated());
        call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"%s\"}".formatted(tokens(price + 1))),
                loser).andExpect(status().isCreated());
        // The window ends now instead of in an hour: the closer awards on its next scan.
        jdbc.sql("update job set bidding_closes_at = now() where id = ?::uuid").param(jobId).update();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobStatus(jobId).equals("AWARDED"));
        assertThat(jdbc.sql("update lease set awarded_at = ? where job_id = ?::uuid and provider = ?")
                .params(Timestamp.from(awardedAt), jobId, winner).update()).isEqualTo(1);
    }

    private String jobStatus(String jobId) {
        return jdbc.sql("select status from job where id = ?::uuid").param(jobId).query(String.class).single();
    }

    private String prices(String resourceClass, String window) throws Exception {
        return call(get("/api/v1/market/prices").param("resourceClass", resourceClass).param("window", window),
                TestAddresses.fresh())
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private static List<Map<String, Object>> bucketsWithAwards(String prices) {
        return JsonPath.read(prices, "$.buckets[?(@.volume.awards > 0)]");
    }

    private static void assertCovers(Map<String, Object> bucket, Instant awardedAt) {
        assertThat(Instant.parse((String) bucket.get("start"))).isBeforeOrEqualTo(awardedAt);
        assertThat(Instant.parse((String) bucket.get("end"))).isAfter(awardedAt);
    }

    @Test
    void bucketsTheClearingPricesOfAClassWithPercentilesAndVolume() throws Exception {
        String winner = stakedProvider();
        String loser = stakedProvider();
        // The index's windows end at the service's clock, which tests that ran before moved hours ahead of real time.
        Instant threeHoursAgo = clock.instant().minus(Duration.ofHours(3));
        Instant twoDaysAgo = clock.instant().minus(Duration.ofDays(2));
        awardedAt(threeHoursAgo, winner, loser, 1);
        awardedAt(threeHoursAgo, winner, loser, 2);
        awardedAt(threeHoursAgo, winner, loser, 5);
        awardedAt(twoDaysAgo, winner, loser, 7);

        String day = prices("memory-heavy", "24h");
        assertThat((List<?>) JsonPath.read(day, "$.buckets")).hasSize(24);
        assertThat((Integer) JsonPath.read(day, "$.bucketSeconds")).isEqualTo(3600);
        assertThat(bucketsWithAwards(day)).singleElement().satisfies(bucket -> {
            assertCovers(bucket, threeHoursAgo);
            assertThat(bucket).containsEntry("p10", tokens(1)).containsEntry("median", tokens(2))
                    .containsEntry("p90", tokens(5))
                    // two hours each at 1, 2 and 5 tokens an hour; the losing bids count for nothing
                    .containsEntry("volume", Map.of("awards", 3, "priceHours", tokens(16)));
        });
        assertThat((List<Object>) JsonPath.read(day, "$.buckets[?(@.volume.awards == 0)].median"))
                .hasSize(23).containsOnlyNulls();

        String week = prices("memory-heavy", "7d");
        assertThat((List<?>) JsonPath.read(week, "$.buckets")).hasSize(28);
        List<Map<String, Object>> weekBuckets = bucketsWithAwards(week);
        assertThat(weekBuckets).hasSize(2);
        assertCovers(weekBuckets.get(0), twoDaysAgo);
        assertThat(weekBuckets.get(0)).containsEntry("p10", tokens(7)).containsEntry("median", tokens(7))
                .containsEntry("p90", tokens(7))
                .containsEntry("volume", Map.of("awards", 1, "priceHours", tokens(14)));
        assertCovers(weekBuckets.get(1), threeHoursAgo);
        assertThat(weekBuckets.get(1)).containsEntry("volume", Map.of("awards", 3, "priceHours", tokens(16)));

        String hour = prices("memory-heavy", "1h");
        assertThat((List<?>) JsonPath.read(hour, "$.buckets")).hasSize(12);
        assertThat(bucketsWithAwards(hour)).isEmpty();
        assertThat(bucketsWithAwards(prices("cpu", "24h")))
                .noneSatisfy(bucket -> assertCovers(bucket, threeHoursAgo));
    }

    @Test
    void aJobsClassFollowsFromItsResources() throws Exception {
        String consumer = TestAddresses.fresh();
        Map<String, String> expected = Map.of(
                postJob(consumer, 1000, 8192, 0), "memory-heavy",
                postJob(consumer, 1000, 8191, 0), "cpu",
                postJob(consumer, 500, 4096, 0), "memory-heavy",
                postJob(consumer, 1000, 65536, 1), "gpu");

        expected.forEach((jobId, resourceClass) -> assertThat(jdbc.sql(
                "select resource_class from job where id = ?::uuid").param(jobId).query(String.class).single())
                .as("class of job %s", jobId).isEqualTo(resourceClass));
    }

    @Test
    void badParametersAreA400NamingThem() throws Exception {
        String caller = TestAddresses.fresh();

        call(get("/api/v1/market/prices").param("resourceClass", "quantum"), caller)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("resourceClass"));
        call(get("/api/v1/market/prices").param("resourceClass", "gpu:H100"), caller)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("resourceClass"));
        call(get("/api/v1/market/prices"), caller)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("resourceClass"));
        call(get("/api/v1/market/prices").param("resourceClass", "cpu").param("window", "2h"), caller)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("window"));
        mvc.perform(get("/api/v1/market/prices").param("resourceClass", "cpu")).andExpect(status().isUnauthorized());
    }
}
