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
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A provider that reports a fault on its lease fails it at once (PROVIDER_FAULT), and the job is re-listed without
 * that provider exactly as after heartbeat loss, or fails when its deadline leaves no time for another run.
 */
@MatchingIntegrationTest
class ProviderFaultRelistingTest {

    private final KafkaEvents kafka = new KafkaEvents();

    @Autowired
    private TestClock clock;

    @Autowired
    private MarketActions market;

    @Test
    void aFaultyLeaseClosesAtOnceAndTheJobIsAwardedAgainWithoutItsProvider() throws Exception {
        String consumer = TestAddresses.fresh();
        String faulty = market.stakedProvider();
        String reliable = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(faulty, jobId, "1000000000000000000").andExpect(status().isCreated());
        market.bid(reliable, jobId, "1500000000000000000").andExpect(status().isCreated());
        String failedLease = market.closeAuctionAwardingTo(jobId, consumer, faulty);
        market.call(get("/api/v1/providers/me"), faulty)
                .andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(6000));

        market.call(post("/api/v1/leases/{leaseId}/fault", failedLease), reliable).andExpect(status().isNotFound());
        market.call(post("/api/v1/leases/{leaseId}/fault", failedLease), faulty).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.closeReason").value("PROVIDER_FAULT"));
        market.call(post("/api/v1/leases/{leaseId}/fault", failedLease), faulty).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/lease-not-active"));

        market.awaitJobStatus(jobId, consumer, "RELISTING");
        market.call(get("/api/v1/providers/me"), faulty)
                .andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(8000));
        JsonNode closed = await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.published(EventType.LEASE_CLOSED, jobId), found -> !found.isEmpty()).getFirst();
        assertThat(closed.get("reason").asString()).isEqualTo("PROVIDER_FAULT");
        JsonNode relisted = await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.published(EventType.JOB_RELISTED, jobId), found -> !found.isEmpty()).getFirst();
        assertThat(relisted.get("listing").asInt()).isEqualTo(2);
        assertThat(relisted.get("replicas").asInt()).isEqualTo(1);
        assertThat(relisted.get("excludedProviders").get(0).asString()).isEqualTo(faulty);

        market.openWithFundsHeld(jobId, consumer);
        market.call(get("/api/v1/feed").param("limit", "100"), faulty)
                .andExpect(jsonPath("$.items[*].jobId", not(hasItem(jobId))));
        market.bid(faulty, jobId, "1000000000000000000")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/provider-excluded"));
        market.bid(reliable, jobId, "1400000000000000000").andExpect(status().isCreated());
        market.closeAuctionAwardingTo(jobId, consumer, reliable);
        market.awaitJobStatus(jobId, consumer, "AWARDED");
    }

    @Test
    void aFaultWhenTheDeadlineLeavesNoTimeForAnotherRunFailsTheJob() throws Exception {
        String consumer = TestAddresses.fresh();
        String faulty = market.stakedProvider();
        String jobId = market.postJobDueBy(consumer, clock.instant().plusSeconds(600 + 3600 + 200));
        market.openWithFundsHeld(jobId, consumer);
        market.bid(faulty, jobId, "1000000000000000000").andExpect(status().isCreated());
        String lease = market.closeAuctionAwardingTo(jobId, consumer, faulty);

        market.call(post("/api/v1/leases/{leaseId}/fault", lease), faulty).andExpect(status().isOk());

        market.awaitJobStatus(jobId, consumer, "FAILED");
        market.call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(jsonPath("$.reason").value("DEADLINE_TOO_CLOSE_TO_RELIST"));
        assertThat(kafka.published(EventType.JOB_RELISTED, jobId)).isEmpty();
    }
}
