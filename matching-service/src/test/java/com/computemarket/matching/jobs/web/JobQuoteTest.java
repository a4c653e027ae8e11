package com.computemarket.matching.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.matching.MatchingIntegrationTest;
import com.computemarket.matching.TestClock;
import com.computemarket.testsupport.TestAddresses;
import com.computemarket.testsupport.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * POST /api/v1/jobs/quote over HTTP and the real database. Other tests share the database and register providers
 * of their own, so provider counts are checked as the difference between a quote before and after this test adds
 * its providers; clearing prices use a GPU count no other test leases.
 */
@MatchingIntegrationTest
class JobQuoteTest {

    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    private static final BigInteger MIN_STAKE = TOKEN.multiply(BigInteger.valueOf(100));
    /** No other test asks for or leases this many GPUs: the price estimate sees only this test's leases. */
    private static final int GPUS = 7;

    @Autowired
    private MockMvc mvc;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TestClock clock;

    private static String jobBody(int cpuMillicores, long memoryMb, int gpuCount, int replicas,
            String verificationMode) {
        return jobBody(cpuMillicores, memoryMb, gpuCount, replicas, verificationMode, 0);
    }

    private static String jobBody(int cpuMillicores, long memoryMb, int gpuCount, int replicas,
            String verificationMode, int minReputation) {
        return """
                {"resources": {"cpuMillicores": %d, "memoryMb": %d, "gpuCount": %d},
                 "workload": {"kind": "OCI", "reference": "ghcr.io/acme/train:3.0"},
                 "durationSeconds": 3600, "maxPricePerHour": "20000000000000000000", "replicas": %d,
                 "verificationMode": "%s", "placement": {"minReputation": %d}}
                """.formatted(cpuMillicores, memoryMb, gpuCount, replicas, verificationMode, minReputation);
    }

    private ResultActions call(MockHttpServletRequestBuilder request, String caller) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(caller))
                .contentType(MediaType.APPLICATION_JSON));
    }

    private Quote quote(String consumer, String body) throws Exception {
        String response = call(post("/api/v1/jobs/quote").content(body), consumer)
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return new Quote(JsonPath.read(response, "$.wouldBid"), JsonPath.read(response, "$.reasons"),
                JsonPath.read(response, "$.priceEstimate"));
    }

    record Quote(int wouldBid, Map<String, Integer> reasons, Map<String, String> priceEstimate) {

        int reason(String name) {
            return reasons.getOrDefault(name, 0);
        }
    }

    /** A provider with one node, and (as if StakeBonded had arrived) the given bonded stake. */
    private String provider(int cpuMillicores, long memoryMb, int gpuCount, BigInteger bondedStake) throws Exception {
        String provider = TestAddresses.fresh();
        call(post("/api/v1/providers/me/nodes").content("""
                {"name": "node-1", "cpuMillicores": %d, "memoryMb": %d, "gpuCount": %d, "region": "eu-west"}
                """.formatted(cpuMillicores, memoryMb, gpuCount)), provider)
                .andExpect(status().isCreated());
        jdbc.sql("update provider set bonded_stake = ? where address = ?")
                .param(new BigDecimal(bondedStake)).param(provider).update();
        return provider;
    }

    @Test
    void countsProvidersThatCouldBidAndEachOtherUnderTheFirstRuleItFails() throws Exception {
        String consumer = TestAddresses.fresh();
        String body = jobBody(4000, 16384, GPUS, 1, "NONE", 600);
        Quote before = quote(consumer, body);

        provider(8000, 32768, 8, MIN_STAKE);                            // default score 500: below 600
        provider(4000, 16384, GPUS, MIN_STAKE.multiply(BigInteger.TWO)); // exactly the size asked for, but 500
        provider(8000, 32768, 0, MIN_STAKE);                            // no GPUs
        provider(8000, 8192, 8, MIN_STAKE);                             // too little memory
        provider(8000, 8192, 8, BigInteger.ZERO);                       // no fitting node comes first, then stake
        provider(8000, 32768, 8, MIN_STAKE.subtract(BigInteger.ONE));   // one base unit short of the stake
        jdbc.sql("insert into provider (address, bonded_stake) values (?, ?)")  // staked, but no node at all
                .param(TestAddresses.fresh()).param(new BigDecimal(MIN_STAKE)).update();
        String scored599 = provider(8000, 32768, 8, MIN_STAKE);          // below the job's minimum reputation
        jdbc.sql("update provider set reputation_score = 599 where address = ?").param(scored599).update();
        String scored600 = provider(8000, 32768, 8, MIN_STAKE);          // could bid: exactly the minimum
        jdbc.sql("update provider set reputation_score = 600 where address = ?").param(scored600).update();
        Quote after = quote(consumer, body);

        assertThat(after.wouldBid() - before.wouldBid()).isEqualTo(1);
        assertThat(after.reason("REPUTATION_BELOW_MINIMUM") - before.reason("REPUTATION_BELOW_MINIMUM")).isEqualTo(3);
        assertThat(after.reason("NO_FITTING_NODE") - before.reason("NO_FITTING_NODE")).isEqualTo(4);
        assertThat(after.reason("INSUFFICIENT_STAKE") - before.reason("INSUFFICIENT_STAKE")).isEqualTo(1);
        assertThat(after.reason("OWN_JOB") - before.reason("OWN_JOB")).isZero();
    }

    @Test
    void aConsumerThatIsAlsoAProviderIsCountedAsOwnJob() throws Exception {
        String consumerAndProvider = provider(8000, 32768, 8, MIN_STAKE);

        Quote quote = quote(consumerAndProvider, jobBody(4000, 16384, GPUS, 1, "NONE"));

        assertThat(quote.reason("OWN_JOB")).isEqualTo(1);
    }

    @Test
    void quotingStoresNoJobAndEmitsNoEvent() throws Exception {
        String consumer = TestAddresses.fresh();

        quote(consumer, jobBody(2000, 4096, 0, 2, "REDUNDANT"));

        assertThat(jdbc.sql("select count(*) from job where consumer = ?").param(consumer).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from outbox_event where payload like ?").param("%" + consumer + "%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void estimatesThePriceFromRecentAwardsOfSimilarJobsOnly() throws Exception {
        String consumer = TestAddresses.fresh();
        String body = jobBody(16000, 65536, GPUS + 1, 1, "NONE");
        assertThat(quote(consumer, body).priceEstimate()).isNull();

        // The look-back ends at the service's clock, which tests that ran before moved hours ahead of real time.
        Instant now = clock.instant();
        for (int tokens = 1; tokens <= 10; tokens++) {
            // Similar: CPU and memory within a factor of two, the same GPU count.
            awardedLease(tokens % 2 == 0 ? 8000 : 32000, tokens % 2 == 0 ? 131072 : 32768, GPUS + 1,
                    TOKEN.multiply(BigInteger.valueOf(tokens)), now.minusSeconds(60));
        }
        awardedLease(16000, 65536, GPUS + 2, TOKEN.multiply(BigInteger.valueOf(1000)), now);            // other GPUs
        awardedLease(64000, 65536, GPUS + 1, TOKEN.multiply(BigInteger.valueOf(1000)), now);            // 4x the CPU
        awardedLease(16000, 65536, GPUS + 1, TOKEN.multiply(BigInteger.valueOf(1000)),
                now.minus(Duration.ofDays(8)));                                                        // too old

        assertThat(quote(consumer, body).priceEstimate()).isEqualTo(Map.of(
                "p10", TOKEN.toString(),
                "median", TOKEN.multiply(BigInteger.valueOf(5)).toString(),
                "p90", TOKEN.multiply(BigInteger.valueOf(9)).toString()));
    }

    /** A job of this shape and one lease of it awarded at {@code awardedAt}, written straight to the tables. */
    private void awardedLease(int cpuMillicores, long memoryMb, int gpuCount, BigInteger pricePerHour,
            Instant awardedAt) {
        UUID jobId = UUID.randomUUID();
        String consumer = TestAddresses.fresh();
        jdbc.sql("""
                        insert into job (id, consumer, request_fingerprint, cpu_millicores, memory_mb, gpu_count,
                            workload_kind, workload_reference, duration_seconds, max_price_per_hour, replicas,
                            verification_mode, bidding_window_seconds, status, posted_at)
                        values (?, ?, 'seeded', ?, ?, ?, 'OCI', 'ghcr.io/acme/train:3.0', 3600, ?, 1, 'NONE', 30,
                            'AWARDED', ?)
                        """)
                .params(jobId, consumer, cpuMillicores, memoryMb, gpuCount, new BigDecimal(pricePerHour),
                        Timestamp.from(awardedAt))
                .update();
        jdbc.sql("""
                        insert into lease (id, job_id, consumer, provider, price_per_hour, duration_seconds, status,
                            awarded_at)
                        values (?, ?, ?, ?, ?, 3600, 'ACTIVE', ?)
                        """)
                .params(UUID.randomUUID(), jobId, consumer, TestAddresses.fresh(), new BigDecimal(pricePerHour),
                        Timestamp.from(awardedAt))
                .update();
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        String consumer = TestAddresses.fresh();

        call(post("/api/v1/jobs/quote").content(jobBody(2000, 4096, 0, 0, "NONE")), consumer)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("replicas"));
        call(post("/api/v1/jobs/quote").content(jobBody(2000, 4096, 0, 1, "REDUNDANT")), consumer)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("replicas"));
        call(post("/api/v1/jobs/quote").content(jobBody(2000, 4096, 65, 1, "NONE")), consumer)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("resources.gpuCount"));
        call(post("/api/v1/jobs/quote").content(jobBody(2000, 4096, 0, 1, "NONE", 1001)), consumer)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("placement.minReputation"));
        call(post("/api/v1/jobs/quote").content(jobBody(2000, 4096, 0, 1, "NONE")
                        .replace("\"20000000000000000000\"", "\"-5\"")), consumer)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("maxPricePerHour"));
    }

    @Test
    void aQuoteNeedsAToken() throws Exception {
        mvc.perform(post("/api/v1/jobs/quote").contentType(MediaType.APPLICATION_JSON)
                        .content(jobBody(2000, 4096, 0, 1, "NONE")))
                .andExpect(status().isUnauthorized());
    }
}
