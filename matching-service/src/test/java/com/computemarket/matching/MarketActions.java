package com.computemarket.matching;

import static org.awaitility.Awaitility.await;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What the lifecycle tests do to the market again and again: register a staked provider, post a job, play escrow's
 * answer to its hold, bid, and close the auction by moving the {@link TestClock}. A bean of the one shared context:
 * {@link MatchingIntegrationTest} imports it, so every test that autowires it still hits the cached context.
 */
final class MarketActions {

    /** Just past the 600 s bidding window every job posted here asks for. */
    static final Duration PAST_THE_WINDOW = Duration.ofSeconds(601);

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final MockMvc mvc;
    private final JdbcClient jdbc;
    private final TestClock clock;
    private final KafkaEvents kafka = new KafkaEvents();

    MarketActions(MockMvc mvc, JdbcClient jdbc, TestClock clock) {
        this.mvc = mvc;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Sends {@code request} as JSON, authenticated as {@code caller}. */
    ResultActions call(MockHttpServletRequestBuilder request, String caller) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(caller))
                .contentType(MediaType.APPLICATION_JSON));
    }

    /** A fresh provider with one 8-core, 16 GB node in eu-west and 100 tokens of bonded stake. */
    String stakedProvider() throws Exception {
        String provider = TestAddresses.fresh();
        call(post("/api/v1/providers/me/nodes").content("""
                {"name": "node-1", "cpuMillicores": 8000, "memoryMb": 16384, "gpuCount": 0, "region": "eu-west"}
                """), provider).andExpect(status().isCreated());
        jdbc.sql("update provider set bonded_stake = ? where address = ?")
                .params(new BigDecimal("100000000000000000000"), provider).update();
        return provider;
    }

    /** Posts a one-replica, one-hour, 2-core job with a 600 s bidding window and no deadline; returns its id. */
    String postJob(String consumer) throws Exception {
        return postJob(consumer, "");
    }

    /** Posts the same job as {@link #postJob(String)}, but to be done by {@code deadline}; returns its id. */
    String postJobDueBy(String consumer, Instant deadline) throws Exception {
        return postJob(consumer, ", \"deadline\": \"" + deadline + "\"");
    }

    private String postJob(String consumer, String extraFields) throws Exception {
        String body = """
                {"resources": {"cpuMillicores": 2000, "memoryMb": 4096, "gpuCount": 0},
                 "workload": {"kind": "OCI", "reference": "ghcr.io/acme/render:1.2"},
                 "durationSeconds": 3600, "maxPricePerHour": "2000000000000000000", "replicas": 1,
                 "verificationMode": "NONE", "biddingWindowSeconds": 600%s}
                """.formatted(extraFields);
        return JsonPath.read(call(post("/api/v1/jobs").content(body), consumer)
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(), "$.jobId");
    }

    /** Escrow announces it holds the job's funds; nothing is awaited. */
    void publishFundsHeld(String jobId, String consumer) {
        publishEscrowAnswer(EventType.FUNDS_HELD, jobId, consumer);
    }

    /** Escrow announces it refused to hold the job's funds; nothing is awaited. */
    void publishFundsHoldRejected(String jobId, String consumer) {
        publishEscrowAnswer(EventType.FUNDS_HOLD_REJECTED, jobId, consumer);
    }

    private void publishEscrowAnswer(EventType answer, String jobId, String consumer) {
        kafka.publishExample(answer, jobId, example -> {
            example.put("jobId", jobId);
            example.put("consumer", consumer);
        });
    }

    /** Escrow holds the job's funds, and the job (newly posted or re-listing) opens for bids. */
    void openWithFundsHeld(String jobId, String consumer) {
        publishFundsHeld(jobId, consumer);
        awaitJobStatus(jobId, consumer, "OPEN");
    }

    /** Waits until the job, read by {@code consumer}, has {@code status}. */
    void awaitJobStatus(String jobId, String consumer, String status) {
        await().atMost(PATIENCE).untilAsserted(() -> call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(jsonPath("$.status").value(status)));
    }

    /** {@code provider} bids {@code pricePerHour} (wei, decimal) on the job. */
    ResultActions bid(String provider, String jobId, String pricePerHour) throws Exception {
        return call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"" + pricePerHour + "\"}"),
                provider);
    }

    /** Closes the auction by moving time past its window; returns the id of the lease awarded to {@code winner}. */
    String closeAuctionAwardingTo(String jobId, String consumer, String winner) {
        clock.advance(PAST_THE_WINDOW);
        return await().atMost(PATIENCE).until(() -> {
            String job = call(get("/api/v1/jobs/{jobId}", jobId), consumer).andReturn().getResponse()
                    .getContentAsString();
            List<String> ids = JsonPath.read(job,
                    "$.leases[?(@.provider == '" + winner + "' && @.status == 'ACTIVE')].leaseId");
            return ids.isEmpty() ? null : ids.getFirst();
        }, id -> id != null);
    }
}
