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
 * A provider that reports a fault on its lease fails it at once (PROVIDER_FAULT), and the job is re-listed without
 * that provider exactly as after heartbeat loss, or fails when its deadline leaves no time for another run.
 */
@MatchingIntegrationTest
class ProviderFaultRelistingTest {

    private static final Duration PAST_THE_WINDOW = Duration.ofSeconds(601);

    private final KafkaEvents kafka = new KafkaEvents();

    @Autowired
    private MockMvc mvc;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TestClock clock;

    @Test
    void aFaultyLeaseClosesAtOnceAndTheJobIsAwardedAgainWithoutItsProvider() throws Exception {
        String consumer = TestAddresses.fresh();
        String faulty = stakedProvider();
        String reliable = stakedProvider();
        String jobId = postJob(consumer, null);
        fundsHeld(jobId, consumer);
        bid(faulty, jobId, "1000000000000000000").andExpect(status().isCreated());
        bid(reliable, jobId, "1500000000000000000").andExpect(status().isCreated());
        String failedLease = awardTo(jobId, consumer, faulty);
        call(get("/api/v1/providers/me"), faulty).andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(6000));

        call(post("/api/v1/leases/{leaseId}/fault", failedLease), reliable).andExpect(status().isNotFound());
        call(post("/api/v1/leases/{leaseId}/fault", failedLease), faulty).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.closeReason").value("PROVIDER_FAULT"));
        call(post("/api/v1/leases/{leaseId}/fault", failedLease), faulty).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/lease-not-active"));

        awaitJob(jobId, consumer, "RELISTING");
        call(get("/api/v1/providers/me"), faulty).andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(8000));
        JsonNode closed = await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.published(EventType.LEASE_CLOSED, jobId), found -> !found.isEmpty()).getFirst();
        assertThat(closed.get("reason").asString()).isEqualTo("PROVIDER_FAULT");
        JsonNode relisted = await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.published(EventType.JOB_RELISTED, jobId), found -> !found.isEmpty()).getFirst();
        assertThat(relisted.get("listing").asInt()).isEqualTo(2);
        assertThat(relisted.get("replicas").asInt()).isEqualTo(1);
        assertThat(relisted.get("excludedProviders").get(0).asString()).isEqualTo(faulty);

        fundsHeld(jobId, consumer);
        call(get("/api/v1/feed").param("limit", "100"), faulty)
                .andExpect(jsonPath("$.items[*].jobId", not(hasItem(jobId))));
        bid(faulty, jobId, "1000000000000000000")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/provider-excluded"));
        bid(reliable, jobId, "1400000000000000000").andExpect(status().isCreated());
        awardTo(jobId, consumer, reliable);
        awaitJob(jobId, consumer, "AWARDED");
    }

    @Test
    void aFaultWhenTheDeadlineLeavesNoTimeForAnotherRunFailsTheJob() throws Exception {
        String consumer = TestAddresses.fresh();
        String faulty = stakedProvider();
        String jobId = postJob(consumer, clock.instant().plusSeconds(600 + 3600 + 200).toString());
        fundsHeld(jobId, consumer);
        bid(faulty, jobId, "1000000000000000000").andExpect(status().isCreated());
        String lease = awardTo(jobId, consumer, faulty);

        call(post("/api/v1/leases/{leaseId}/fault", lease), faulty).andExpect(status().isOk());

        awaitJob(jobId, consumer, "FAILED");
        call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(jsonPath("$.reason").value("DEADLINE_TOO_CLOSE_TO_RELIST"));
        assertThat(kafka.published(EventType.JOB_RELISTED, jobId)).isEmpty();
    }

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

    private void fundsHeld(String jobId, String consumer) {
        kafka.publishExample(EventType.FUNDS_HELD, jobId, example -> {
            example.put("jobId", jobId);
            example.put("consumer", consumer);
        });
        awaitJob(jobId, consumer, "OPEN");
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
            List<String> ids = JsonPath.read(job,
                    "$.leases[?(@.provider == '" + winner + "' && @.status == 'ACTIVE')].leaseId");
            return ids.isEmpty() ? null : ids.getFirst();
        }, id -> id != null);
    }
}
