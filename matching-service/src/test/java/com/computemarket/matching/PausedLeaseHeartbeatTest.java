package com.computemarket.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.events.EventType;
import com.computemarket.matching.leases.application.LeaseHealer;
import com.computemarket.testsupport.TestAddresses;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Heartbeats of a lease escrow paused for want of funds (LeasePaused; LeaseResumed after a top-up): its provider is
 * told to stop work, so its silence is neither heartbeat loss (no HEARTBEAT_LOST close, no re-listing, no slash) nor
 * downtime; silence that was already downtime before the pause is recorded up to the pause; after a resume the
 * allowed gap and the timeout count from the resume. And a consumer's cancel of a silent lease records its downtime
 * before the close. Time moves by the {@link TestClock} (heartbeat interval 30 s, timeout 120 s).
 */
@MatchingIntegrationTest
class PausedLeaseHeartbeatTest {

    private final KafkaEvents kafka = new KafkaEvents();

    @Autowired
    private TestClock clock;

    @Autowired
    private MarketActions market;

    @Autowired
    private LeaseHealer healer;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aPausedLeaseIsNeitherLostNorDownAndIsWatchedAgainFromItsResume() throws Exception {
        String consumer = TestAddresses.fresh();
        String provider = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(provider, jobId, "1000000000000000000").andExpect(status().isCreated());
        String leaseId = market.closeAuctionAwardingTo(jobId, consumer, provider);
        Instant lastHeartbeat = heartbeat(provider, leaseId);

        // Silent for 50 s when escrow pauses the lease: 20 s of it (beyond the 30 s allowed) were downtime.
        clock.advance(Duration.ofSeconds(50));
        Instant pausedAt = clock.instant();
        kafka.publishExample(EventType.LEASE_PAUSED, jobId, paused -> paused.put("leaseId", leaseId)
                .put("jobId", jobId).put("consumer", consumer).put("provider", provider)
                .put("pausedAt", pausedAt.toString()).put("graceEndsAt", pausedAt.plusSeconds(600).toString()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> market.call(get("/api/v1/leases/{leaseId}",
                leaseId), provider).andExpect(jsonPath("$.pausedAt").value(Matchers.notNullValue())));

        // Five minutes of silence during the pause: no heartbeat loss.
        clock.advance(Duration.ofSeconds(300));
        healer.closeSilentLeases();
        market.call(get("/api/v1/leases/{leaseId}", leaseId), provider)
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        // A heartbeat while paused is taken and records no downtime.
        heartbeat(provider, leaseId);

        clock.advance(Duration.ofSeconds(100));
        Instant resumedAt = clock.instant();
        kafka.publishExample(EventType.LEASE_RESUMED, jobId, resumed -> resumed.put("leaseId", leaseId)
                .put("jobId", jobId).put("consumer", consumer).put("provider", provider)
                .put("resumedAt", resumedAt.toString()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> market.call(get("/api/v1/leases/{leaseId}",
                leaseId), provider).andExpect(jsonPath("$.pausedAt").value(Matchers.nullValue())));

        // 20 s after the resume (120 s after the last heartbeat): within the allowed gap, no downtime.
        clock.advance(Duration.ofSeconds(20));
        heartbeat(provider, leaseId);

        List<JsonNode> downtime = downtimeRecordedFor(jobId);
        assertThat(downtime).singleElement().satisfies(stretch -> {
            assertThat(Instant.parse(stretch.get("downtimeStartedAt").asString()))
                    .isEqualTo(lastHeartbeat.plusSeconds(30));
            assertThat(Instant.parse(stretch.get("downtimeEndedAt").asString())).isEqualTo(pausedAt);
        });
        assertThat(outboxCount("LeaseClosed", jobId)).isZero();
        assertThat(outboxCount("JobRelisted", jobId)).isZero();

        // Running again, its silence is watched again: past the timeout it is lost.
        clock.advance(Duration.ofSeconds(121));
        healer.closeSilentLeases();
        market.call(get("/api/v1/leases/{leaseId}", leaseId), provider)
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.closeReason").value("HEARTBEAT_LOST"));
    }

    @Test
    void aCancelOfASilentLeaseRecordsItsDowntimeBeforeTheClose() throws Exception {
        String consumer = TestAddresses.fresh();
        String provider = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(provider, jobId, "1000000000000000000").andExpect(status().isCreated());
        String leaseId = market.closeAuctionAwardingTo(jobId, consumer, provider);
        Instant lastHeartbeat = heartbeat(provider, leaseId);

        clock.advance(Duration.ofSeconds(100));
        String cancelledAt = JsonPath.read(market.call(post("/api/v1/jobs/{jobId}/cancel", jobId), consumer)
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.cancelledAt");

        assertThat(jdbc.sql("select event_type from outbox_event where message_key = ? and event_type in "
                + "('LeaseDowntimeRecorded', 'LeaseClosed') order by sequence").param(jobId).query(String.class).list())
                .containsExactly("LeaseDowntimeRecorded", "LeaseClosed");
        JsonNode stretch = await().atMost(Duration.ofSeconds(30))
                .until(() -> downtimeRecordedFor(jobId), found -> !found.isEmpty()).getFirst();
        assertThat(Instant.parse(stretch.get("downtimeStartedAt").asString())).isEqualTo(lastHeartbeat.plusSeconds(30));
        assertThat(Instant.parse(stretch.get("downtimeEndedAt").asString())).isEqualTo(Instant.parse(cancelledAt));
    }

    /** Sends a heartbeat; answers its time as stored (PostgreSQL keeps microseconds), which later events start from. */
    private Instant heartbeat(String provider, String leaseId) throws Exception {
        market.call(post("/api/v1/leases/{leaseId}/heartbeats", leaseId), provider).andExpect(status().isOk());
        String lease = market.call(get("/api/v1/leases/{leaseId}", leaseId), provider).andReturn().getResponse()
                .getContentAsString();
        return Instant.parse(JsonPath.read(lease, "$.lastHeartbeatAt"));
    }

    /** Waits for what the relay published so far to be readable, then reads the job's downtime stretches. */
    private List<JsonNode> downtimeRecordedFor(String jobId) {
        long expected = outboxCount("LeaseDowntimeRecorded", jobId);
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.published(EventType.LEASE_DOWNTIME_RECORDED, jobId), found -> found.size() == expected);
    }

    private long outboxCount(String eventType, String jobId) {
        return jdbc.sql("select count(*) from outbox_event where event_type = ? and message_key = ?")
                .params(eventType, jobId).query(Long.class).single();
    }
}
