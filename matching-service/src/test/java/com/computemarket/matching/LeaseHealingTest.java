package com.computemarket.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.events.EventType;
import com.computemarket.testsupport.TestAddresses;
import com.computemarket.testsupport.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Leases that heal themselves: downtime from late heartbeats, heartbeat loss closing the lease, and the job going
 * back to auction without the provider that failed it, or failing when its deadline is too close. Time moves by the
 * {@link TestClock} (heartbeat interval 30 s, timeout 120 s, bidding windows of 600 s), never by waiting.
 */
@MatchingIntegrationTest
class LeaseHealingTest {

    private static final Duration PAST_THE_WINDOW = Duration.ofSeconds(601);
    private static final Duration PAST_THE_TIMEOUT = Duration.ofSeconds(121);

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

    private String stakedProvider() throws Exception {
        String provider = TestAddresses.fresh();
        call(post("/api/v1/providers/me/nodes").content("""
                {"name": "node-1", "cpuMillicores": 8000, "memoryMb": 16384, "gpuCount": 0, "region": "eu-west"}
                """), provider).andExpect(status().isCreated());
        jdbc.sql("update provider set bonded_stake = ? where address = ?")
                .params(new BigDecimal("100000000000000000000"), provider).update();
        return provider;
    }

    private String postJob(String consumer, String deadline) throws Exception {
        String body = """
                {"resources": {"cpuMillicores": 2000, "memoryMb": 4096, "gpuCount": 0},
                 "workload": {"kind": "OCI", "reference": "ghcr.io/acme/render:1.2"},
                 "durationSeconds": 3600, "maxPricePerHour": "2000000000000000000", "replicas": 1,
                 "verificationMode": "NONE", "biddingWindowSeconds": 600%s}
                """.formatted(deadline == null ? "" : ", \"deadline\": \"" + deadline + "\"");
        return JsonPath.read(call(post("/api/v1/jobs").content(body), consumer)
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(), "$.jobId");
    }

    private void fundsHeld(String jobId, String consumer, String status) {
        kafka.publishExample(EventType.FUNDS_HELD, jobId, example -> {
            example.put("jobId", jobId);
            example.put("consumer", consumer);
        });
        awaitJob(jobId, consumer, status);
    }

    private void awaitJob(String jobId, String consumer, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(jsonPath("$.status").value(status)));
    }

    private ResultActions bid(String provider, String jobId, String price) throws Exception {
        return call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"" + price + "\"}"),
                provider);
    }

    /** Closes the auction by moving time past its window; returns the id of the lease awarded to {@code winner}. */
    private String awardTo(String jobId, String consumer, String winner) {
        clock.advance(PAST_THE_WINDOW);
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            String job = call(get("/api/v1/jobs/{jobId}", jobId), consumer).andReturn().getResponse()
                    .getContentAsString();
            List<String> ids = JsonPath.read(job, "$.leases[?(@.provider == '" + winner + "' && @.status == 'ACTIVE')].leaseId");
            return ids.isEmpty() ? null : ids.getFirst();
        }, id -> id != null);
    }

    private List<JsonNode> events(EventType type, String jobId) {
        return kafka.published(type, jobId);
    }

    @Test
    void aHeartbeatAfterALongerGapThanAllowedRecordsTheDowntimeOnce() throws Exception {
        String consumer = TestAddresses.fresh();
        String provider = stakedProvider();
        String jobId = postJob(consumer, null);
        fundsHeld(jobId, consumer, "OPEN");
        bid(provider, jobId, "1000000000000000000").andExpect(status().isCreated());
        String leaseId = awardTo(jobId, consumer, provider);
        call(post("/api/v1/leases/{leaseId}/heartbeats", leaseId), provider).andExpect(status().isOk());
        Instant lastHeartbeat = Instant.parse(JsonPath.read(call(get("/api/v1/leases/{leaseId}", leaseId), provider)
                .andReturn().getResponse().getContentAsString(), "$.lastHeartbeatAt"));

        clock.advance(Duration.ofSeconds(75));
        call(post("/api/v1/leases/{leaseId}/heartbeats", leaseId), provider).andExpect(status().isOk());
        call(post("/api/v1/leases/{leaseId}/heartbeats", leaseId), provider).andExpect(status().isOk());

        JsonNode downtime = await().atMost(Duration.ofSeconds(30))
                .until(() -> events(EventType.LEASE_DOWNTIME_RECORDED, jobId), found -> !found.isEmpty())
                .getFirst();
        assertThat(downtime.get("leaseId").asString()).isEqualTo(leaseId);
        assertThat(Instant.parse(downtime.get("downtimeStartedAt").asString()))
                .isEqualTo(lastHeartbeat.plusSeconds(30));
        assertThat(Duration.between(lastHeartbeat, Instant.parse(downtime.get("downtimeEndedAt").asString())))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(75));
        assertThat(jdbc.sql("select count(*) from outbox_event where event_type = 'LeaseDowntimeRecorded' "
                + "and payload like ?").param("%" + leaseId + "%").query(Long.class).single()).isEqualTo(1);
        call(get("/api/v1/leases/{leaseId}", leaseId), provider).andExpect(jsonPath("$.status").value("ACTIVE"));
    }

    @Test
    void aSilentLeaseClosesAndTheJobIsAwardedAgainWithoutTheProviderThatFailedIt() throws Exception {
        String consumer = TestAddresses.fresh();
        String silent = stakedProvider();
        String reliable = stakedProvider();
        String jobId = postJob(consumer, null);
        fundsHeld(jobId, consumer, "OPEN");
        bid(silent, jobId, "1000000000000000000").andExpect(status().isCreated());
        bid(reliable, jobId, "1500000000000000000").andExpect(status().isCreated());
        String failedLease = awardTo(jobId, consumer, silent);
        call(get("/api/v1/providers/me"), silent).andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(6000));

        clock.advance(PAST_THE_TIMEOUT);

        awaitJob(jobId, consumer, "RELISTING");
        call(get("/api/v1/leases/{leaseId}", failedLease), silent)
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.closeReason").value("HEARTBEAT_LOST"));
        call(get("/api/v1/providers/me"), silent).andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(8000));
        JsonNode closed = await().atMost(Duration.ofSeconds(30))
                .until(() -> events(EventType.LEASE_CLOSED, jobId), found -> !found.isEmpty()).getFirst();
        assertThat(closed.get("reason").asString()).isEqualTo("HEARTBEAT_LOST");
        assertThat(events(EventType.LEASE_DOWNTIME_RECORDED, jobId)).hasSize(1);
        JsonNode relisted = await().atMost(Duration.ofSeconds(30))
                .until(() -> events(EventType.JOB_RELISTED, jobId), found -> !found.isEmpty()).getFirst();
        assertThat(relisted.get("listing").asInt()).isEqualTo(2);
        assertThat(relisted.get("replicas").asInt()).isEqualTo(1);
        assertThat(relisted.get("excludedProviders").get(0).asString()).isEqualTo(silent);

        fundsHeld(jobId, consumer, "OPEN");
        call(get("/api/v1/feed").param("limit", "100"), silent)
                .andExpect(jsonPath("$.items[*].jobId", not(hasItem(jobId))));
        call(get("/api/v1/feed").param("limit", "100"), reliable)
                .andExpect(jsonPath("$.items[*].jobId", hasItem(jobId)));
        bid(silent, jobId, "1000000000000000000")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/provider-excluded"));
        bid(reliable, jobId, "1400000000000000000").andExpect(status().isCreated());

        String secondLease = awardTo(jobId, consumer, reliable);
        awaitJob(jobId, consumer, "AWARDED");
        assertThat(secondLease).isNotEqualTo(failedLease);
        List<JsonNode> awards = events(EventType.LEASE_AWARDED, jobId);
        assertThat(awards).extracting(award -> award.get("provider").asString()).containsExactly(silent, reliable);
        assertThat(awards.get(1).get("leasesInAward").asInt()).isEqualTo(1);
    }

    @Test
    void aJobWhoseDeadlineLeavesNoTimeForAnotherRunFailsInsteadOfRelisting() throws Exception {
        String consumer = TestAddresses.fresh();
        String silent = stakedProvider();
        // Just enough for one bidding window and one run, with 200 s to spare: a re-run would end too late.
        String jobId = postJob(consumer, clock.instant().plusSeconds(600 + 3600 + 200).toString());
        fundsHeld(jobId, consumer, "OPEN");
        bid(silent, jobId, "1000000000000000000").andExpect(status().isCreated());
        awardTo(jobId, consumer, silent);

        clock.advance(PAST_THE_TIMEOUT);

        awaitJob(jobId, consumer, "FAILED");
        call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(jsonPath("$.reason").value("DEADLINE_TOO_CLOSE_TO_RELIST"));
        JsonNode failed = await().atMost(Duration.ofSeconds(30))
                .until(() -> events(EventType.JOB_FAILED, jobId), found -> !found.isEmpty()).getFirst();
        assertThat(failed.get("reason").asString()).isEqualTo("DEADLINE_TOO_CLOSE_TO_RELIST");
        assertThat(events(EventType.JOB_RELISTED, jobId)).isEmpty();
    }

    @Test
    void aRefusedHoldForTheRelistingFailsTheJobWithEscrowsReason() throws Exception {
        String consumer = TestAddresses.fresh();
        String silent = stakedProvider();
        String jobId = postJob(consumer, null);
        fundsHeld(jobId, consumer, "OPEN");
        bid(silent, jobId, "1000000000000000000").andExpect(status().isCreated());
        awardTo(jobId, consumer, silent);
        clock.advance(PAST_THE_TIMEOUT);
        awaitJob(jobId, consumer, "RELISTING");

        kafka.publishExample(EventType.FUNDS_HOLD_REJECTED, jobId, example -> {
            example.put("jobId", jobId);
            example.put("consumer", consumer);
        });

        awaitJob(jobId, consumer, "FAILED");
        call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(jsonPath("$.reason").value("RELIST_HOLD_REJECTED:INSUFFICIENT_FUNDS"));
    }
}
