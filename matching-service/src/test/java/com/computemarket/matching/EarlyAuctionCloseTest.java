package com.computemarket.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.oneOf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.events.EventType;
import com.computemarket.testsupport.TestAddresses;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A job that asks to close once enough bids are in is awarded as soon as they are, long before its hour-long window
 * would end, without anyone moving the clock; a bad early-close count is refused naming the field.
 */
@MatchingIntegrationTest
class EarlyAuctionCloseTest {

    private static final String PROBLEMS = "https://computemarket.dev/problems/";

    @Autowired
    private MarketActions market;

    @Autowired
    private JdbcClient jdbc;

    private final KafkaEvents kafka = new KafkaEvents();

    private static String jobAsking(int replicas, String closeWhenQualifiedBids) {
        return """
                {"resources": {"cpuMillicores": 2000, "memoryMb": 4096, "gpuCount": 0},
                 "workload": {"kind": "OCI", "reference": "ghcr.io/acme/render:1.2"},
                 "durationSeconds": 3600, "maxPricePerHour": "2000000000000000000", "replicas": %d,
                 "verificationMode": "%s", "biddingWindowSeconds": 3600, "closeWhenQualifiedBids": %s}
                """.formatted(replicas, replicas > 1 ? "REDUNDANT" : "NONE", closeWhenQualifiedBids);
    }

    @Test
    void theAuctionIsAwardedOnceEnoughOpenBidsAreInLongBeforeItsWindowEnds() throws Exception {
        String consumer = TestAddresses.fresh();
        String withdrawing = market.stakedProvider();
        String dearer = market.stakedProvider();
        String cheapest = market.stakedProvider();
        String late = market.stakedProvider();
        String jobId = JsonPath.read(market.call(post("/api/v1/jobs").content(jobAsking(1, "2")), consumer)
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(), "$.jobId");
        market.openWithFundsHeld(jobId, consumer);
        String opened = market.call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(jsonPath("$.closeWhenQualifiedBids").value(2))
                .andReturn().getResponse().getContentAsString();
        Instant windowEnd = Instant.parse(JsonPath.read(opened, "$.biddingClosesAt"));

        market.bid(withdrawing, jobId, "1000000000000000000").andExpect(status().isCreated());
        market.call(delete("/api/v1/jobs/{jobId}/bids/me", jobId), withdrawing).andExpect(status().isNoContent());
        market.bid(dearer, jobId, "1500000000000000000").andExpect(status().isCreated());
        market.call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.biddingClosesAt").value(windowEnd.toString()));

        market.bid(cheapest, jobId, "1200000000000000000").andExpect(status().isCreated());
        // Refused whether the closer has not yet awarded the job (window over) or already has (job no longer open).
        market.bid(late, jobId, "1100000000000000000").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(oneOf(
                        PROBLEMS + "bidding-closed", PROBLEMS + "job-not-open")));

        market.awaitJobStatus(jobId, consumer, "AWARDED");
        String awarded = market.call(get("/api/v1/jobs/{jobId}", jobId), consumer).andReturn().getResponse()
                .getContentAsString();
        assertThat(JsonPath.<List<String>>read(awarded, "$.leases[*].provider")).containsExactly(cheapest);
        assertThat(Instant.parse(JsonPath.read(awarded, "$.biddingClosesAt")))
                .isBefore(windowEnd.minus(Duration.ofMinutes(55)));
        market.call(get("/api/v1/jobs/{jobId}/bids/me", jobId), dearer)
                .andExpect(jsonPath("$.status").value("LOST"))
                .andExpect(jsonPath("$.closeReason").value("OUTBID"));
        JsonNode openedEvent = await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.published(EventType.JOB_OPENED, jobId), found -> !found.isEmpty()).getFirst();
        assertThat(openedEvent.get("closeWhenQualifiedBids").asInt()).isEqualTo(2);
    }

    @Test
    void anEarlyCloseBelowTheReplicasOrAboveTheBidBoundIsRefusedAndNothingIsStored() throws Exception {
        String consumer = TestAddresses.fresh();
        String aboveTheBound = Integer.toString(MatchingIntegrationTest.MAX_BIDS_PER_JOB + 1);

        for (String body : List.of(jobAsking(1, "0"), jobAsking(3, "2"), jobAsking(1, aboveTheBound),
                jobAsking(1, "\"two\""))) {
            market.call(post("/api/v1/jobs").content(body), consumer).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("closeWhenQualifiedBids"));
        }
        market.call(post("/api/v1/jobs/quote").content(jobAsking(1, aboveTheBound)), consumer)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("closeWhenQualifiedBids"));
        market.call(post("/api/v1/jobs").content(
                        jobAsking(1, Integer.toString(MatchingIntegrationTest.MAX_BIDS_PER_JOB))), consumer)
                .andExpect(status().isAccepted());
        assertThat(jdbc.sql("select count(*) from job where consumer = ?").param(consumer).query(Long.class).single())
                .as("only the valid job is stored").isEqualTo(1);
    }
}
