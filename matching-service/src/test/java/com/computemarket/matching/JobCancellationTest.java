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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/**
 * A consumer cancels its job from every state that has not ended: awaiting funds, open for bids, awarded with a
 * running lease, and re-listing. One transaction closes bids and leases, frees capacity and announces it all; a
 * closer never awards a cancelled job, and late answers from escrow change nothing. Time moves by the
 * {@link TestClock} (bidding windows of 600 s, heartbeat timeout 120 s).
 */
@MatchingIntegrationTest
class JobCancellationTest {

    private static final Duration PAST_THE_TIMEOUT = Duration.ofSeconds(121);
    private static final String PROBLEMS = "https://computemarket.dev/problems/";

    private final KafkaEvents kafka = new KafkaEvents();

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TestClock clock;

    @Autowired
    private MarketActions market;

    @Test
    void aJobAwaitingFundsIsCancelledAndEscrowsLateHoldChangesNothing() throws Exception {
        String consumer = TestAddresses.fresh();
        String jobId = market.postJob(consumer);

        cancel(jobId, consumer).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.cancelledAt").isNotEmpty());

        JsonNode cancelled = awaitOnlyEvent(EventType.JOB_CANCELLED, jobId);
        assertThat(cancelled.get("consumer").asString()).isEqualTo(consumer);
        assertThat(cancelled.get("cancelledAt").asString())
                .isEqualTo(jobField(jobId, consumer, "$.cancelledAt"));
        long heldBefore = processed("FundsHeld");
        market.publishFundsHeld(jobId, consumer);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed("FundsHeld") > heldBefore);
        assertThat(jobField(jobId, consumer, "$.status")).isEqualTo("CANCELLED");
        assertThat(kafka.published(EventType.JOB_OPENED, jobId)).isEmpty();
    }

    @Test
    void anOpenJobIsCancelledWithItsBidsClosedAndNoCloserAwardsItAfterwards() throws Exception {
        String consumer = TestAddresses.fresh();
        String provider = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(provider, jobId, "1000000000000000000").andExpect(status().isCreated());
        market.call(get("/api/v1/feed").param("limit", "100"), provider)
                .andExpect(jsonPath("$.items[*].jobId", hasItem(jobId)));

        cancel(jobId, consumer).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CANCELLED"));

        Map<String, Object> closedBid = jdbc.sql("select status, close_reason from bid where job_id = ?::uuid")
                .param(jobId).query().singleRow();
        assertThat(closedBid).containsEntry("status", "LOST").containsEntry("close_reason", "JOB_CANCELLED");
        market.call(get("/api/v1/feed").param("limit", "100"), provider)
                .andExpect(jsonPath("$.items[*].jobId", not(hasItem(jobId))));
        market.bid(provider, jobId, "900000000000000000")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "job-cancelled"))
                .andExpect(jsonPath("$.field").value("jobId"));
        awaitOnlyEvent(EventType.JOB_CANCELLED, jobId);

        // A job whose window closes with the cancelled one's: once the closer awarded it, it had its chance at both.
        String sentinel = market.postJob(TestAddresses.fresh());
        market.openWithFundsHeld(sentinel, jobConsumer(sentinel));
        market.bid(provider, sentinel, "1000000000000000000").andExpect(status().isCreated());
        clock.advance(MarketActions.PAST_THE_WINDOW);
        market.awaitJobStatus(sentinel, jobConsumer(sentinel), "AWARDED");
        assertThat(jobField(jobId, consumer, "$.status")).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("select count(*) from lease where job_id = ?::uuid").param(jobId).query(Long.class)
                .single()).isZero();
        assertThat(kafka.published(EventType.LEASE_AWARDED, jobId)).isEmpty();
        assertThat(kafka.published(EventType.JOB_EXPIRED, jobId)).isEmpty();
    }

    @Test
    void anAwardedJobIsCancelledWithItsRunningLeaseClosedAndItsNodeFreed() throws Exception {
        String consumer = TestAddresses.fresh();
        String provider = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(provider, jobId, "1000000000000000000").andExpect(status().isCreated());
        String leaseId = market.closeAuctionAwardingTo(jobId, consumer, provider);
        market.call(get("/api/v1/providers/me"), provider)
                .andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(6000));

        cancel(jobId, consumer).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.leases[0].status").value("CANCELLED"));

        market.call(get("/api/v1/leases/{leaseId}", leaseId), provider)
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.closeReason").value("CONSUMER_CANCELLED"));
        market.call(get("/api/v1/providers/me"), provider)
                .andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(8000));
        JsonNode closed = awaitOnlyEvent(EventType.LEASE_CLOSED, jobId);
        assertThat(closed.get("leaseId").asString()).isEqualTo(leaseId);
        assertThat(closed.get("reason").asString()).isEqualTo("CONSUMER_CANCELLED");
        JsonNode cancelled = awaitOnlyEvent(EventType.JOB_CANCELLED, jobId);
        assertThat(closed.get("closedAt").asString()).isEqualTo(cancelled.get("cancelledAt").asString());
        assertThat(outboxTypes(jobId)).containsExactly("JobPosted", "JobOpened", "LeaseAwarded", "LeaseClosed",
                "JobCancelled");
        market.call(post("/api/v1/leases/{leaseId}/heartbeats", leaseId), provider).andExpect(status().isConflict());

        // Escrow settles the cancelled lease afterwards; that only confirms the close.
        long settledBefore = processed("SettlementRecorded");
        kafka.publishExample(EventType.SETTLEMENT_RECORDED, jobId, example -> {
            example.put("settlementId", UUID.randomUUID().toString());
            example.put("leaseId", leaseId);
            example.put("jobId", jobId);
            example.put("consumer", consumer);
            example.put("provider", provider);
            example.put("outcome", "CANCELLED");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> processed("SettlementRecorded") > settledBefore);
        assertThat(jobField(jobId, consumer, "$.status")).isEqualTo("CANCELLED");
        market.call(get("/api/v1/leases/{leaseId}", leaseId), provider)
                .andExpect(jsonPath("$.status").value("CANCELLED"));
        assertThat(outboxTypes(jobId)).endsWith("LeaseClosed", "JobCancelled");
    }

    @Test
    void aRelistingJobIsCancelledAndTheRelistingsLateHoldChangesNothing() throws Exception {
        String consumer = TestAddresses.fresh();
        String silent = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(silent, jobId, "1000000000000000000").andExpect(status().isCreated());
        market.closeAuctionAwardingTo(jobId, consumer, silent);
        clock.advance(PAST_THE_TIMEOUT);
        market.awaitJobStatus(jobId, consumer, "RELISTING");

        cancel(jobId, consumer).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CANCELLED"));

        awaitOnlyEvent(EventType.JOB_CANCELLED, jobId);
        long heldBefore = processed("FundsHeld");
        market.publishFundsHeld(jobId, consumer);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed("FundsHeld") > heldBefore);
        assertThat(jobField(jobId, consumer, "$.status")).isEqualTo("CANCELLED");
        assertThat(kafka.published(EventType.JOB_OPENED, jobId)).hasSize(1);
        // The lease lost to heartbeat loss keeps its own close reason; only active leases close for the cancel.
        assertThat(kafka.published(EventType.LEASE_CLOSED, jobId)).extracting(event -> event.get("reason").asString())
                .containsExactly("HEARTBEAT_LOST");
    }

    @Test
    void cancellingTwiceAnswersTheSameCancelledJobAndAnnouncesItOnce() throws Exception {
        String consumer = TestAddresses.fresh();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);

        String first = cancel(jobId, consumer).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        String second = cancel(jobId, consumer).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();

        assertThat((String) JsonPath.read(second, "$.status")).isEqualTo("CANCELLED");
        assertThat((String) JsonPath.read(second, "$.cancelledAt"))
                .isEqualTo(JsonPath.read(first, "$.cancelledAt"));
        assertThat(outboxTypes(jobId)).containsExactly("JobPosted", "JobOpened", "JobCancelled");
    }

    @Test
    void onlyTheJobsConsumerMayCancelIt() throws Exception {
        String consumer = TestAddresses.fresh();
        String provider = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(provider, jobId, "1000000000000000000").andExpect(status().isCreated());
        market.closeAuctionAwardingTo(jobId, consumer, provider);

        cancel(jobId, TestAddresses.fresh()).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.field").value("jobId"));
        // Even the provider running its lease, who may read the job, may not cancel it.
        cancel(jobId, provider).andExpect(status().isNotFound());
        cancel(UUID.randomUUID().toString(), consumer).andExpect(status().isNotFound());

        assertThat(jobField(jobId, consumer, "$.status")).isEqualTo("AWARDED");
        assertThat(outboxTypes(jobId)).doesNotContain("JobCancelled", "LeaseClosed");
    }

    @Test
    void aJobThatEndedCannotBeCancelled() throws Exception {
        String consumer = TestAddresses.fresh();
        String expired = market.postJob(consumer);
        market.openWithFundsHeld(expired, consumer);
        clock.advance(MarketActions.PAST_THE_WINDOW);
        market.awaitJobStatus(expired, consumer, "EXPIRED");
        String rejected = market.postJob(consumer);
        market.publishFundsHoldRejected(rejected, consumer);
        market.awaitJobStatus(rejected, consumer, "REJECTED");

        for (String ended : List.of(expired, rejected)) {
            cancel(ended, consumer).andExpect(status().isConflict())
                    .andExpect(jsonPath("$.type").value(PROBLEMS + "job-already-ended"))
                    .andExpect(jsonPath("$.field").value("jobId"));
            assertThat(outboxTypes(ended)).doesNotContain("JobCancelled");
        }
        assertThat(jobField(expired, consumer, "$.status")).isEqualTo("EXPIRED");
        assertThat(jobField(rejected, consumer, "$.status")).isEqualTo("REJECTED");
    }

    private ResultActions cancel(String jobId, String caller) throws Exception {
        return market.call(post("/api/v1/jobs/{jobId}/cancel", jobId), caller);
    }

    private String jobConsumer(String jobId) {
        return jdbc.sql("select consumer from job where id = ?::uuid").param(jobId).query(String.class).single();
    }

    private String jobField(String jobId, String consumer, String path) throws Exception {
        return String.valueOf((Object) JsonPath.read(market.call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andReturn().getResponse().getContentAsString(), path));
    }

    private JsonNode awaitOnlyEvent(EventType type, String jobId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.published(type, jobId), found -> found.size() == 1).getFirst();
    }

    /** The job's events in the order its transactions appended them to the outbox. */
    private List<String> outboxTypes(String jobId) {
        return jdbc.sql("select event_type from outbox_event where message_key = ? order by sequence")
                .param(jobId).query(String.class).list();
    }

    private long processed(String eventType) {
        return jdbc.sql("select count(*) from processed_event where event_type = ?").param(eventType)
                .query(Long.class).single();
    }
}
