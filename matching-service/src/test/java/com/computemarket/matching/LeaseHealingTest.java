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
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Leases that heal themselves: downtime from late heartbeats, heartbeat loss closing the lease, and the job going
 * back to auction without the provider that failed it, or failing when its deadline is too close. Time moves by the
 * {@link TestClock} (heartbeat interval 30 s, timeout 120 s, bidding windows of 600 s), never by waiting.
 */
@MatchingIntegrationTest
class LeaseHealingTest {

    private static final Duration PAST_THE_TIMEOUT = Duration.ofSeconds(121);

    private final KafkaEvents kafka = new KafkaEvents();

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TestClock clock;

    @Autowired
    private MarketActions market;

    private List<JsonNode> events(EventType type, String jobId) {
        return kafka.published(type, jobId);
    }

    @Test
    void aHeartbeatAfterALongerGapThanAllowedRecordsTheDowntimeOnce() throws Exception {
        String consumer = TestAddresses.fresh();
        String provider = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(provider, jobId, "1000000000000000000").andExpect(status().isCreated());
        String leaseId = market.closeAuctionAwardingTo(jobId, consumer, provider);
        market.call(post("/api/v1/leases/{leaseId}/heartbeats", leaseId), provider).andExpect(status().isOk());
        Instant lastHeartbeat = Instant.parse(JsonPath.read(
                market.call(get("/api/v1/leases/{leaseId}", leaseId), provider).andReturn().getResponse()
                        .getContentAsString(), "$.lastHeartbeatAt"));

        clock.advance(Duration.ofSeconds(75));
        market.call(post("/api/v1/leases/{leaseId}/heartbeats", leaseId), provider).andExpect(status().isOk());
        market.call(post("/api/v1/leases/{leaseId}/heartbeats", leaseId), provider).andExpect(status().isOk());

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
        market.call(get("/api/v1/leases/{leaseId}", leaseId), provider).andExpect(jsonPath("$.status").value("ACTIVE"));
    }

    @Test
    void aSilentLeaseClosesAndTheJobIsAwardedAgainWithoutTheProviderThatFailedIt() throws Exception {
        String consumer = TestAddresses.fresh();
        String silent = market.stakedProvider();
        String reliable = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(silent, jobId, "1000000000000000000").andExpect(status().isCreated());
        market.bid(reliable, jobId, "1500000000000000000").andExpect(status().isCreated());
        String failedLease = market.closeAuctionAwardingTo(jobId, consumer, silent);
        market.call(get("/api/v1/providers/me"), silent)
                .andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(6000));

        clock.advance(PAST_THE_TIMEOUT);

        market.awaitJobStatus(jobId, consumer, "RELISTING");
        market.call(get("/api/v1/leases/{leaseId}", failedLease), silent)
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.closeReason").value("HEARTBEAT_LOST"));
        market.call(get("/api/v1/providers/me"), silent)
                .andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(8000));
        JsonNode closed = await().atMost(Duration.ofSeconds(30))
                .until(() -> events(EventType.LEASE_CLOSED, jobId), found -> !found.isEmpty()).getFirst();
        assertThat(closed.get("reason").asString()).isEqualTo("HEARTBEAT_LOST");
        assertThat(events(EventType.LEASE_DOWNTIME_RECORDED, jobId)).hasSize(1);
        JsonNode relisted = await().atMost(Duration.ofSeconds(30))
                .until(() -> events(EventType.JOB_RELISTED, jobId), found -> !found.isEmpty()).getFirst();
        assertThat(relisted.get("listing").asInt()).isEqualTo(2);
        assertThat(relisted.get("replicas").asInt()).isEqualTo(1);
        assertThat(relisted.get("excludedProviders").get(0).asString()).isEqualTo(silent);

        market.openWithFundsHeld(jobId, consumer);
        market.call(get("/api/v1/feed").param("limit", "100"), silent)
                .andExpect(jsonPath("$.items[*].jobId", not(hasItem(jobId))));
        market.call(get("/api/v1/feed").param("limit", "100"), reliable)
                .andExpect(jsonPath("$.items[*].jobId", hasItem(jobId)));
        market.bid(silent, jobId, "1000000000000000000")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/provider-excluded"));
        market.bid(reliable, jobId, "1400000000000000000").andExpect(status().isCreated());

        String secondLease = market.closeAuctionAwardingTo(jobId, consumer, reliable);
        market.awaitJobStatus(jobId, consumer, "AWARDED");
        assertThat(secondLease).isNotEqualTo(failedLease);
        List<JsonNode> awards = events(EventType.LEASE_AWARDED, jobId);
        assertThat(awards).extracting(award -> award.get("provider").asString()).containsExactly(silent, reliable);
        assertThat(awards.get(1).get("leasesInAward").asInt()).isEqualTo(1);
    }

    @Test
    void aJobWhoseDeadlineLeavesNoTimeForAnotherRunFailsInsteadOfRelisting() throws Exception {
        String consumer = TestAddresses.fresh();
        String silent = market.stakedProvider();
        // Just enough for one bidding window and one run, with 200 s to spare: a re-run would end too late.
        String jobId = market.postJobDueBy(consumer, clock.instant().plusSeconds(600 + 3600 + 200));
        market.openWithFundsHeld(jobId, consumer);
        market.bid(silent, jobId, "1000000000000000000").andExpect(status().isCreated());
        market.closeAuctionAwardingTo(jobId, consumer, silent);

        clock.advance(PAST_THE_TIMEOUT);

        market.awaitJobStatus(jobId, consumer, "FAILED");
        market.call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(jsonPath("$.reason").value("DEADLINE_TOO_CLOSE_TO_RELIST"));
        JsonNode failed = await().atMost(Duration.ofSeconds(30))
                .until(() -> events(EventType.JOB_FAILED, jobId), found -> !found.isEmpty()).getFirst();
        assertThat(failed.get("reason").asString()).isEqualTo("DEADLINE_TOO_CLOSE_TO_RELIST");
        assertThat(events(EventType.JOB_RELISTED, jobId)).isEmpty();
    }

    @Test
    void aRefusedHoldForTheRelistingFailsTheJobWithEscrowsReason() throws Exception {
        String consumer = TestAddresses.fresh();
        String silent = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(silent, jobId, "1000000000000000000").andExpect(status().isCreated());
        market.closeAuctionAwardingTo(jobId, consumer, silent);
        clock.advance(PAST_THE_TIMEOUT);
        market.awaitJobStatus(jobId, consumer, "RELISTING");

        market.publishFundsHoldRejected(jobId, consumer);

        market.awaitJobStatus(jobId, consumer, "FAILED");
        market.call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(jsonPath("$.reason").value("RELIST_HOLD_REJECTED:INSUFFICIENT_FUNDS"));
    }
}
