package com.computemarket.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.events.EventType;
import com.computemarket.testsupport.TestAddresses;
import com.computemarket.testsupport.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/** The service end to end over HTTP, PostgreSQL and Kafka, with escrow's and reputation's events played in. */
@MatchingIntegrationTest
class MarketFlowTest {

    private static final String HUNDRED_TOKENS = "100000000000000000000";

    private final KafkaEvents kafka = new KafkaEvents();

    @Autowired
    private MockMvc mvc;

    @Autowired
    private JdbcClient jdbc;

    private static String jobBody(int replicas, String verificationMode, int biddingWindowSeconds) {
        return """
                {"resources": {"cpuMillicores": 2000, "memoryMb": 4096, "gpuCount": 0},
                 "workload": {"kind": "OCI", "reference": "ghcr.io/acme/render:1.2", "command": "render --frames 1-10"},
                 "durationSeconds": 3600, "maxPricePerHour": "2000000000000000000", "replicas": %d,
                 "verificationMode": "%s", "biddingWindowSeconds": %d}
                """.formatted(replicas, verificationMode, biddingWindowSeconds);
    }

    private ResultActions call(MockHttpServletRequestBuilder request, String caller) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(caller))
                .contentType(MediaType.APPLICATION_JSON));
    }

    private String postJob(String consumer, String body) throws Exception {
        String response = call(post("/api/v1/jobs").content(body), consumer)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("PENDING_FUNDS"))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(response, "$.jobId");
    }

    private String jobField(String jobId, String consumer, String path) throws Exception {
        String response = call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return String.valueOf((Object) JsonPath.read(response, path));
    }

    private void openFunded(String jobId, String consumer) throws Exception {
        kafka.publishExample(EventType.FUNDS_HELD, jobId, example -> {
            example.put("jobId", jobId);
            example.put("consumer", consumer);
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> jobField(jobId, consumer, "$.status").equals("OPEN"));
    }

    private void becomeStakedProviderWithANode(String provider) throws Exception {
        call(post("/api/v1/providers/me/nodes").content("""
                {"name": "node-1", "cpuMillicores": 8000, "memoryMb": 16384, "gpuCount": 0, "region": "eu-west"}
                """), provider)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.nodeId").value(notNullValue()))
                .andExpect(jsonPath("$.cpuMillicores").value(8000));
        kafka.publishExample(EventType.STAKE_BONDED, provider, example -> {
            example.put("provider", provider);
            example.put("totalBonded", HUNDRED_TOKENS);
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> call(get("/api/v1/providers/me"), provider)
                .andExpect(jsonPath("$.bondedStake").value(HUNDRED_TOKENS))
                .andExpect(jsonPath("$.reputationScore").value(500)));
    }

    private JsonNode awaitOnlyEvent(EventType type, String key) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> kafka.published(type, key), events -> events.size() == 1)
                .getFirst();
    }

    @Test
    void stakeThatEscrowTakesAwayNoLongerCountsForBidding() throws Exception {
        String provider = TestAddresses.fresh();
        becomeStakedProviderWithANode(provider);

        kafka.publishExample(EventType.STAKE_REDUCED, provider, example -> {
            example.put("provider", provider);
            example.put("totalBonded", "40000000000000000000");
        });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> call(get("/api/v1/providers/me"), provider)
                .andExpect(jsonPath("$.bondedStake").value("40000000000000000000")));
    }

    @Test
    void aFundedJobIsAwardedToTheCheapestEligibleBidderAndClosesOnSettlement() throws Exception {
        String consumer = TestAddresses.fresh();
        String cheap = TestAddresses.fresh();
        String dear = TestAddresses.fresh();
        becomeStakedProviderWithANode(cheap);
        becomeStakedProviderWithANode(dear);

        String jobId = postJob(consumer, jobBody(1, "NONE", 5));
        JsonNode posted = awaitOnlyEvent(EventType.JOB_POSTED, jobId);
        assertThat(posted.get("maxPricePerHour").asString()).isEqualTo("2000000000000000000");
        assertThat(posted.get("consumer").asString()).isEqualTo(consumer);

        openFunded(jobId, consumer);
        call(get("/api/v1/feed").param("after", "0").param("limit", "100"), cheap)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].jobId", hasItem(jobId)))
                .andExpect(jsonPath("$.nextCursor").value(notNullValue()));

        call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"1500000000000000000\"}"), cheap)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"1900000000000000000\"}"), dear)
                .andExpect(status().isCreated());
        call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"1600000000000000000\"}"), dear)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pricePerHour").value("1600000000000000000"));

        assertThat(awaitOnlyEvent(EventType.JOB_OPENED, jobId).get("biddingClosesAt").asString()).isNotBlank();

        JsonNode awarded = awaitOnlyEvent(EventType.LEASE_AWARDED, jobId);
        assertThat(awarded.get("provider").asString()).isEqualTo(cheap);
        assertThat(awarded.get("pricePerHour").asString()).isEqualTo("1500000000000000000");
        assertThat(awarded.get("leasesInAward").asInt()).isEqualTo(1);
        assertThat(awarded.get("replicas").asInt()).isEqualTo(1);
        assertThat(awarded.get("verificationMode").asString()).isEqualTo("NONE");
        String leaseId = awarded.get("leaseId").asString();

        call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(jsonPath("$.status").value("AWARDED"))
                .andExpect(jsonPath("$.bidsCount").value(2))
                .andExpect(jsonPath("$.leases[0].leaseId").value(leaseId));
        call(get("/api/v1/jobs/{jobId}", jobId), cheap).andExpect(status().isOk());
        call(get("/api/v1/providers/me"), cheap).andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(6000));
        call(get("/api/v1/leases/{leaseId}", leaseId), cheap).andExpect(jsonPath("$.nodeId").value(notNullValue()));
        call(get("/api/v1/jobs/{jobId}", jobId), dear).andExpect(status().isNotFound());
        call(post("/api/v1/leases/{leaseId}/heartbeats", leaseId), cheap)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lastHeartbeatAt").value(notNullValue()));
        call(post("/api/v1/leases/{leaseId}/heartbeats", leaseId), consumer).andExpect(status().isNotFound());

        kafka.publishExample(EventType.LEASE_FUNDED, jobId, example -> {
            example.put("leaseId", leaseId);
            example.put("jobId", jobId);
            example.put("provider", cheap);
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> call(get("/api/v1/leases/{leaseId}", leaseId), consumer)
                .andExpect(jsonPath("$.funded").value(true)));
        kafka.publishExample(EventType.SETTLEMENT_RECORDED, jobId, example -> {
            example.put("leaseId", leaseId);
            example.put("jobId", jobId);
            example.put("consumer", consumer);
            example.put("provider", cheap);
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> jobField(jobId, consumer, "$.status").equals("COMPLETED"));
        call(get("/api/v1/leases/{leaseId}", leaseId), cheap)
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.closeReason").value("COMPLETED"));
        assertThat(awaitOnlyEvent(EventType.LEASE_CLOSED, jobId).get("reason").asString()).isEqualTo("COMPLETED");
        call(get("/api/v1/providers/me"), cheap).andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(8000));
        assertThat(jdbc.sql("select close_reason from bid where job_id = ?::uuid and provider = ?")
                .params(jobId, dear).query(String.class).single()).isEqualTo("OUTBID");
    }

    @Test
    void aRedundantJobGetsOneLeasePerReplicaAndCompletesWhenEveryLeaseIsSettled() throws Exception {
        String consumer = TestAddresses.fresh();
        String first = TestAddresses.fresh();
        String second = TestAddresses.fresh();
        becomeStakedProviderWithANode(first);
        becomeStakedProviderWithANode(second);
        String jobId = postJob(consumer, jobBody(2, "REDUNDANT", 5));
        openFunded(jobId, consumer);

        call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"1000000000000000000\"}"), first)
                .andExpect(status().isCreated());
        call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"1200000000000000000\"}"), second)
                .andExpect(status().isCreated());

        List<JsonNode> awarded = await().atMost(Duration.ofSeconds(20))
                .until(() -> kafka.published(EventType.LEASE_AWARDED, jobId), events -> events.size() == 2);
        assertThat(awarded).allSatisfy(lease -> {
            assertThat(lease.get("leasesInAward").asInt()).isEqualTo(2);
            assertThat(lease.get("replicas").asInt()).isEqualTo(2);
            assertThat(lease.get("verificationMode").asString()).isEqualTo("REDUNDANT");
        });
        assertThat(awarded).extracting(lease -> lease.get("provider").asString())
                .containsExactlyInAnyOrder(first, second);

        settle(jobId, consumer, awarded.get(0), "PAID");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                call(get("/api/v1/leases/{leaseId}", awarded.get(0).get("leaseId").asString()), consumer)
                        .andExpect(jsonPath("$.status").value("COMPLETED")));
        assertThat(jobField(jobId, consumer, "$.status")).isEqualTo("AWARDED");

        settle(jobId, consumer, awarded.get(1), "REFUNDED");
        await().atMost(Duration.ofSeconds(20)).until(() -> jobField(jobId, consumer, "$.status").equals("COMPLETED"));
        call(get("/api/v1/leases/{leaseId}", awarded.get(1).get("leaseId").asString()), consumer)
                .andExpect(jsonPath("$.status").value("VERIFICATION_FAILED"))
                .andExpect(jsonPath("$.closeReason").value("VERIFICATION_FAILED"));
    }

    private void settle(String jobId, String consumer, JsonNode lease, String outcome) {
        kafka.publishExample(EventType.SETTLEMENT_RECORDED, jobId, example -> {
            example.put("settlementId", UUID.randomUUID().toString());
            example.put("leaseId", lease.get("leaseId").asString());
            example.put("jobId", jobId);
            example.put("consumer", consumer);
            example.put("provider", lease.get("provider").asString());
            example.put("outcome", outcome);
        });
    }

    @Test
    void aJobNobodyBidsOnExpiresWithTheReason() throws Exception {
        String consumer = TestAddresses.fresh();
        String jobId = postJob(consumer, jobBody(2, "REDUNDANT", 1));

        openFunded(jobId, consumer);

        JsonNode expired = awaitOnlyEvent(EventType.JOB_EXPIRED, jobId);
        assertThat(expired.get("reasons").get("NO_BIDS").asInt()).isEqualTo(1);
        call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(jsonPath("$.status").value("EXPIRED"))
                .andExpect(jsonPath("$.reason").value("NO_BIDS=1"));
    }

    @Test
    void aRejectedHoldRejectsTheJobWithEscrowsReason() throws Exception {
        String consumer = TestAddresses.fresh();
        String jobId = postJob(consumer, jobBody(1, "NONE", 30));

        kafka.publishExample(EventType.FUNDS_HOLD_REJECTED, jobId, example -> {
            example.put("jobId", jobId);
            example.put("consumer", consumer);
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> jobField(jobId, consumer, "$.status").equals("REJECTED"));
        assertThat(jobField(jobId, consumer, "$.reason")).isEqualTo("INSUFFICIENT_FUNDS");
    }

    @Test
    void aBidFromAProviderWithoutStakeIsRefusedNamingTheReason() throws Exception {
        String consumer = TestAddresses.fresh();
        String unstaked = TestAddresses.fresh();
        call(post("/api/v1/providers/me/nodes").content("""
                {"name": "small", "cpuMillicores": 2000, "memoryMb": 4096, "gpuCount": 0, "region": "us-east"}
                """), unstaked).andExpect(status().isCreated());
        String jobId = postJob(consumer, jobBody(1, "NONE", 600));
        openFunded(jobId, consumer);

        call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"1\"}"), unstaked)
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/insufficient-stake"))
                .andExpect(jsonPath("$.field").value("bondedStake"));
        call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"2000000000000000001\"}"), unstaked)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("pricePerHour"));
        call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"1\"}"), consumer)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/own-job"));
        assertThat(jobField(jobId, consumer, "$.bidsCount")).isEqualTo("0");
    }

    @Test
    void aJobWithAMinimumReputationIsHiddenFromAndRefusesProvidersScoredBelowIt() throws Exception {
        String consumer = TestAddresses.fresh();
        String unproven = TestAddresses.fresh();
        String trusted = TestAddresses.fresh();
        becomeStakedProviderWithANode(unproven);
        becomeStakedProviderWithANode(trusted);
        kafka.publishExample(EventType.REPUTATION_UPDATED, trusted, example -> {
            example.put("provider", trusted);
            example.put("score", 600);
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> call(get("/api/v1/providers/me"), trusted)
                .andExpect(jsonPath("$.reputationScore").value(600)));

        String jobId = postJob(consumer, jobBody(1, "NONE", 30).replace("\"biddingWindowSeconds\": 30}",
                "\"biddingWindowSeconds\": 30, \"placement\": {\"minReputation\": 600}}"));
        openFunded(jobId, consumer);
        assertThat(jobField(jobId, consumer, "$.minReputation")).isEqualTo("600");

        call(get("/api/v1/feed").param("after", "0").param("limit", "100"), unproven)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].jobId", not(hasItem(jobId))));
        call(get("/api/v1/feed").param("after", "0").param("limit", "100"), trusted)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].jobId", hasItem(jobId)));
        call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"1500000000000000000\"}"), unproven)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/reputation-below-minimum"))
                .andExpect(jsonPath("$.field").value("reputationScore"));
        call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"1500000000000000000\"}"), trusted)
                .andExpect(status().isCreated());
    }

    @Test
    void aBadJobRequestIsA400NamingTheFieldAndStoresNothing() throws Exception {
        String consumer = TestAddresses.fresh();

        call(post("/api/v1/jobs").content(jobBody(0, "NONE", 30)), consumer)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("replicas"));
        call(post("/api/v1/jobs").content(jobBody(1, "REDUNDANT", 30)), consumer)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("replicas"));
        call(post("/api/v1/jobs").content(jobBody(1, "NONE", 30).replace("\"2000000000000000000\"", "\"1.5\"")), consumer)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("maxPricePerHour"));
        call(post("/api/v1/jobs").content(jobBody(1, "SOMETIMES", 30)), consumer)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("verificationMode"));

        assertThat(jdbc.sql("select count(*) from job where consumer = ?").param(consumer).query(Long.class).single())
                .isZero();
    }

    @Test
    void onlyTheJobsConsumerCanReadIt() throws Exception {
        String consumer = TestAddresses.fresh();
        String jobId = postJob(consumer, jobBody(1, "NONE", 30));

        call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.consumer").value(consumer))
                .andExpect(jsonPath("$.holdAmount").value("2000000000000000000"));
        call(get("/api/v1/jobs/{jobId}", jobId), TestAddresses.fresh())
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/v1/jobs/{jobId}", jobId)).andExpect(status().isUnauthorized());
    }

    @Test
    void aBidOnAJobThatNeverReachedTheFeedIsAnsweredAsForAnUnknownJob() throws Exception {
        String provider = TestAddresses.fresh();
        becomeStakedProviderWithANode(provider);
        String unfunded = postJob(TestAddresses.fresh(), jobBody(1, "NONE", 30));

        call(post("/api/v1/jobs/{jobId}/bids", unfunded).content("{\"pricePerHour\": \"1500000000000000000\"}"),
                provider)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.field").value("jobId"));
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameJobAndRefusesAnotherBody() throws Exception {
        String consumer = TestAddresses.fresh();
        String first = call(post("/api/v1/jobs").header("Idempotency-Key", "order-1").content(jobBody(1, "NONE", 30)),
                consumer).andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        String again = call(post("/api/v1/jobs").header("Idempotency-Key", "order-1").content(jobBody(1, "NONE", 30)),
                consumer).andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();

        assertThat((String) JsonPath.read(again, "$.jobId")).isEqualTo(JsonPath.read(first, "$.jobId"));
        call(post("/api/v1/jobs").header("Idempotency-Key", "order-1").content(jobBody(2, "NONE", 30)), consumer)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.field").value("Idempotency-Key"));
        assertThat(kafka.published(EventType.JOB_POSTED, JsonPath.read(first, "$.jobId"))).hasSizeLessThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from job where consumer = ?").param(consumer).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aLongPollWithNothingNewWaitsAndReturnsTheSameCursor() throws Exception {
        String provider = TestAddresses.fresh();
        long started = System.nanoTime();

        call(get("/api/v1/feed").param("after", "900000000000").param("waitSeconds", "1"), provider)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty())
                .andExpect(jsonPath("$.nextCursor").value("900000000000"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        call(get("/api/v1/feed").param("waitSeconds", "31"), provider)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("waitSeconds"));
    }

    @Test
    void aProviderSeesItsNodesAndTheDefaultStanding() throws Exception {
        String provider = TestAddresses.fresh();
        call(post("/api/v1/providers/me/nodes").content("""
                {"name": "gpu-box", "cpuMillicores": 16000, "memoryMb": 65536, "gpuCount": 2, "gpuModel": "H100",
                 "region": "eu-west"}
                """), provider).andExpect(status().isCreated());
        call(post("/api/v1/providers/me/nodes").content("""
                {"name": "gpu-box", "cpuMillicores": 1000, "memoryMb": 1024, "gpuCount": 0, "region": "eu-west"}
                """), provider)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("name"));
        call(post("/api/v1/providers/me/nodes").content("""
                {"name": "x", "cpuMillicores": 0, "memoryMb": 1024, "gpuCount": 0, "region": "eu-west"}
                """), provider)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("cpuMillicores"));

        String me = call(get("/api/v1/providers/me"), provider)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.address").value(provider))
                .andExpect(jsonPath("$.bondedStake").value("0"))
                .andExpect(jsonPath("$.reputationScore").value(500))
                .andReturn().getResponse().getContentAsString();
        assertThat((List<String>) JsonPath.read(me, "$.nodes[*].gpuModel")).containsExactly("H100");

        kafka.publishExample(EventType.REPUTATION_UPDATED, provider, example -> example.put("provider", provider));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> call(get("/api/v1/providers/me"), provider)
                .andExpect(jsonPath("$.reputationScore").value(510)));
    }

    @Test
    void probesMetricsAndApiDocsAreServedWithoutAToken() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("jvm_threads_live_threads")));
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/feed']").exists());
    }
}
