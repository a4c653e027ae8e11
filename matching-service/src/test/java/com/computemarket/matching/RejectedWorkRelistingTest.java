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
import com.computemarket.matching.leases.application.LeaseHealer;
import com.computemarket.testsupport.TestAddresses;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Verification's verdicts reach matching on the real broker ({@code verification.verdicts.v1}) and escrow's
 * settlement of the same verdict on another topic, in either order. A rejected replica of a NONE job is run again
 * without its provider, exactly as after heartbeat loss, while the deadline allows; an outvoted replica of a
 * REDUNDANT job is not (its quorum already verified the result). Whatever the order, a lease closes once, a replica
 * is re-listed once, and a cancelled or finished job stays as it is.
 */
@MatchingIntegrationTest
class RejectedWorkRelistingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final KafkaEvents kafka = new KafkaEvents();

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TestClock clock;

    @Autowired
    private MarketActions market;

    @Autowired
    private LeaseHealer healer;

    @Test
    void aRejectedReplicaOfANoneJobRunsAgainWithoutItsProviderAndEscrowsRefundOnlyConfirmsIt() throws Exception {
        String consumer = TestAddresses.fresh();
        String cheater = market.stakedProvider();
        String honest = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(cheater, jobId, "1000000000000000000").andExpect(status().isCreated());
        market.bid(honest, jobId, "1500000000000000000").andExpect(status().isCreated());
        String rejectedLease = market.closeAuctionAwardingTo(jobId, consumer, cheater);
        market.call(get("/api/v1/providers/me"), cheater)
                .andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(6000));

        reject(jobId, rejectedLease, cheater, "COMMITMENT_MISMATCH");

        market.awaitJobStatus(jobId, consumer, "RELISTING");
        market.call(get("/api/v1/leases/{leaseId}", rejectedLease), consumer)
                .andExpect(jsonPath("$.status").value("VERIFICATION_FAILED"))
                .andExpect(jsonPath("$.closeReason").value("VERIFICATION_FAILED"));
        market.call(get("/api/v1/providers/me"), cheater)
                .andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(8000));
        JsonNode closed = await().atMost(PATIENCE)
                .until(() -> kafka.published(EventType.LEASE_CLOSED, jobId), found -> !found.isEmpty()).getFirst();
        assertThat(closed.get("leaseId").asString()).isEqualTo(rejectedLease);
        assertThat(closed.get("reason").asString()).isEqualTo("VERIFICATION_FAILED");
        JsonNode relisted = await().atMost(PATIENCE)
                .until(() -> kafka.published(EventType.JOB_RELISTED, jobId), found -> !found.isEmpty()).getFirst();
        assertThat(relisted.get("listing").asInt()).isEqualTo(2);
        assertThat(relisted.get("replicas").asInt()).isEqualTo(1);
        assertThat(relisted.get("verificationMode").asString()).isEqualTo("NONE");
        assertThat(relisted.get("excludedProviders").get(0).asString()).isEqualTo(cheater);

        // Escrow's refund of the same rejection, and the rejection again under a new event id (a replayed verdict):
        // the lease is closed already and its replica re-listed already.
        long settlementsBefore = processed("SettlementRecorded");
        long rejectionsBefore = processed("WorkRejected");
        settle(jobId, consumer, rejectedLease, cheater, "REFUNDED");
        reject(jobId, rejectedLease, cheater, "COMMITMENT_MISMATCH");
        awaitProcessed("SettlementRecorded", settlementsBefore + 1);
        awaitProcessed("WorkRejected", rejectionsBefore + 1);
        assertThat(jobField(jobId, consumer, "$.status")).isEqualTo("RELISTING");
        assertThat(jobField(jobId, consumer, "$.listing")).isEqualTo("2");
        assertThat(outboxTypes(jobId)).containsExactly("JobPosted", "JobOpened", "LeaseAwarded", "LeaseClosed",
                "JobRelisted");
        market.call(get("/api/v1/providers/me"), cheater)
                .andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(8000));

        market.openWithFundsHeld(jobId, consumer);
        market.call(get("/api/v1/feed").param("limit", "100"), cheater)
                .andExpect(jsonPath("$.items[*].jobId", not(hasItem(jobId))));
        market.bid(cheater, jobId, "900000000000000000")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/provider-excluded"));
        market.bid(honest, jobId, "1400000000000000000").andExpect(status().isCreated());
        String rerunLease = market.closeAuctionAwardingTo(jobId, consumer, honest);

        verify(jobId, rerunLease, honest);
        settle(jobId, consumer, rerunLease, honest, "PAID");
        market.awaitJobStatus(jobId, consumer, "COMPLETED");
    }

    @Test
    void aRefundHeardBeforeItsRejectionHoldsTheJobUntilTheVerdictAndTheReplicaIsReListedOnce() throws Exception {
        String consumer = TestAddresses.fresh();
        String cheater = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(cheater, jobId, "1000000000000000000").andExpect(status().isCreated());
        String rejectedLease = market.closeAuctionAwardingTo(jobId, consumer, cheater);

        settle(jobId, consumer, rejectedLease, cheater, "REFUNDED");
        awaitLeaseStatus(rejectedLease, consumer, "VERIFICATION_FAILED");
        // Its only lease is closed, but a refund may be a rejection, which would re-run the replica: not completed.
        assertThat(jobField(jobId, consumer, "$.status")).isEqualTo("AWARDED");
        market.call(get("/api/v1/providers/me"), cheater)
                .andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(8000));

        reject(jobId, rejectedLease, cheater, "COMMITMENT_MISMATCH");

        market.awaitJobStatus(jobId, consumer, "RELISTING");
        JsonNode relisted = await().atMost(PATIENCE)
                .until(() -> kafka.published(EventType.JOB_RELISTED, jobId), found -> !found.isEmpty()).getFirst();
        assertThat(relisted.get("excludedProviders").get(0).asString()).isEqualTo(cheater);
        assertThat(outboxTypes(jobId)).containsExactly("JobPosted", "JobOpened", "LeaseAwarded", "LeaseClosed",
                "JobRelisted");
        market.call(get("/api/v1/providers/me"), cheater)
                .andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(8000));
    }

    @Test
    void aRefundOfAVerifiedResultThatEarnedNothingCompletesTheJobOnceTheVerdictArrives() throws Exception {
        String consumer = TestAddresses.fresh();
        String provider = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(provider, jobId, "1000000000000000000").andExpect(status().isCreated());
        String lease = market.closeAuctionAwardingTo(jobId, consumer, provider);

        settle(jobId, consumer, lease, provider, "REFUNDED");
        awaitLeaseStatus(lease, consumer, "VERIFICATION_FAILED");
        assertThat(jobField(jobId, consumer, "$.status")).isEqualTo("AWARDED");

        verify(jobId, lease, provider);

        market.awaitJobStatus(jobId, consumer, "COMPLETED");
        assertThat(outboxTypes(jobId)).containsExactly("JobPosted", "JobOpened", "LeaseAwarded", "LeaseClosed",
                "JobCompleted");
    }

    @Test
    void aVerifiedLeaseWhoseProviderStoppedHeartbeatingIsLeftForEscrowsSettlement() throws Exception {
        String consumer = TestAddresses.fresh();
        String provider = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(provider, jobId, "1000000000000000000").andExpect(status().isCreated());
        String lease = market.closeAuctionAwardingTo(jobId, consumer, provider);
        long verdictsBefore = processed("WorkVerified");
        verify(jobId, lease, provider);
        awaitProcessed("WorkVerified", verdictsBefore + 1);

        // The provider finished and stopped heartbeating; escrow's settlement is late (heartbeat timeout 120 s).
        clock.advance(Duration.ofSeconds(600));
        healer.closeSilentLeases();
        market.call(get("/api/v1/leases/{leaseId}", lease), consumer).andExpect(jsonPath("$.status").value("ACTIVE"));

        settle(jobId, consumer, lease, provider, "PAID");
        market.awaitJobStatus(jobId, consumer, "COMPLETED");
        assertThat(outboxTypes(jobId)).containsExactly("JobPosted", "JobOpened", "LeaseAwarded", "LeaseClosed",
                "JobCompleted");
    }

    @Test
    void anOutvotedReplicaOfARedundantJobClosesButIsNotRunAgain() throws Exception {
        String consumer = TestAddresses.fresh();
        List<String> providers = List.of(market.stakedProvider(), market.stakedProvider(), market.stakedProvider());
        String jobId = postRedundantJob(consumer);
        Map<String, String> leases = awardToAll(jobId, consumer, providers);
        String outvoted = providers.get(2);

        verify(jobId, leases.get(providers.get(0)), providers.get(0));
        verify(jobId, leases.get(providers.get(1)), providers.get(1));
        reject(jobId, leases.get(outvoted), outvoted, "OUTVOTED");

        awaitLeaseStatus(leases.get(outvoted), consumer, "VERIFICATION_FAILED");
        assertThat(jobField(jobId, consumer, "$.status")).isEqualTo("AWARDED");
        market.call(get("/api/v1/providers/me"), outvoted)
                .andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(8000));
        market.call(get("/api/v1/providers/me"), providers.get(0))
                .andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(6000));

        settle(jobId, consumer, leases.get(providers.get(0)), providers.get(0), "PAID");
        settle(jobId, consumer, leases.get(outvoted), outvoted, "REFUNDED");
        settle(jobId, consumer, leases.get(providers.get(1)), providers.get(1), "PAID");

        market.awaitJobStatus(jobId, consumer, "COMPLETED");
        assertThat(outboxTypes(jobId)).containsExactly("JobPosted", "JobOpened", "LeaseAwarded", "LeaseAwarded",
                "LeaseAwarded", "LeaseClosed", "LeaseClosed", "LeaseClosed", "JobCompleted");
        assertThat(kafka.published(EventType.JOB_RELISTED, jobId)).isEmpty();
    }

    @Test
    void aRejectionHeardAfterItsRedundantJobCompletedChangesNothing() throws Exception {
        String consumer = TestAddresses.fresh();
        List<String> providers = List.of(market.stakedProvider(), market.stakedProvider(), market.stakedProvider());
        String jobId = postRedundantJob(consumer);
        Map<String, String> leases = awardToAll(jobId, consumer, providers);
        String outvoted = providers.get(2);
        settle(jobId, consumer, leases.get(providers.get(0)), providers.get(0), "PAID");
        settle(jobId, consumer, leases.get(providers.get(1)), providers.get(1), "PAID");
        settle(jobId, consumer, leases.get(outvoted), outvoted, "REFUNDED");
        market.awaitJobStatus(jobId, consumer, "COMPLETED");

        long rejectionsBefore = processed("WorkRejected");
        reject(jobId, leases.get(outvoted), outvoted, "OUTVOTED");

        awaitProcessed("WorkRejected", rejectionsBefore + 1);
        assertThat(jobField(jobId, consumer, "$.status")).isEqualTo("COMPLETED");
        assertThat(outboxTypes(jobId)).containsExactly("JobPosted", "JobOpened", "LeaseAwarded", "LeaseAwarded",
                "LeaseAwarded", "LeaseClosed", "LeaseClosed", "LeaseClosed", "JobCompleted");
    }

    @Test
    void aRejectionWhenTheDeadlineLeavesNoTimeForAnotherRunFailsTheJob() throws Exception {
        String consumer = TestAddresses.fresh();
        String cheater = market.stakedProvider();
        String jobId = market.postJobDueBy(consumer, clock.instant().plusSeconds(600 + 3600 + 200));
        market.openWithFundsHeld(jobId, consumer);
        market.bid(cheater, jobId, "1000000000000000000").andExpect(status().isCreated());
        String lease = market.closeAuctionAwardingTo(jobId, consumer, cheater);

        reject(jobId, lease, cheater, "COMMITMENT_MISMATCH");

        market.awaitJobStatus(jobId, consumer, "FAILED");
        market.call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(jsonPath("$.reason").value("DEADLINE_TOO_CLOSE_TO_RELIST"));
        assertThat(outboxTypes(jobId)).containsExactly("JobPosted", "JobOpened", "LeaseAwarded", "LeaseClosed",
                "JobFailed");
        assertThat(kafka.published(EventType.JOB_RELISTED, jobId)).isEmpty();
    }

    @Test
    void aRejectionOfALeaseItsConsumerCancelledDoesNotReopenTheJob() throws Exception {
        String consumer = TestAddresses.fresh();
        String provider = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(provider, jobId, "1000000000000000000").andExpect(status().isCreated());
        String lease = market.closeAuctionAwardingTo(jobId, consumer, provider);
        market.call(post("/api/v1/jobs/{jobId}/cancel", jobId), consumer).andExpect(status().isOk());

        long rejectionsBefore = processed("WorkRejected");
        reject(jobId, lease, provider, "COMMITMENT_MISMATCH");

        awaitProcessed("WorkRejected", rejectionsBefore + 1);
        assertThat(jobField(jobId, consumer, "$.status")).isEqualTo("CANCELLED");
        market.call(get("/api/v1/leases/{leaseId}", lease), consumer)
                .andExpect(jsonPath("$.status").value("CANCELLED"));
        assertThat(outboxTypes(jobId)).containsExactly("JobPosted", "JobOpened", "LeaseAwarded", "LeaseClosed",
                "JobCancelled");
        market.call(get("/api/v1/providers/me"), provider)
                .andExpect(jsonPath("$.nodes[0].free.cpuMillicores").value(8000));
    }

    private String postRedundantJob(String consumer) throws Exception {
        String body = """
                {"resources": {"cpuMillicores": 2000, "memoryMb": 4096, "gpuCount": 0},
                 "workload": {"kind": "OCI", "reference": "ghcr.io/acme/render:1.2"},
                 "durationSeconds": 3600, "maxPricePerHour": "2000000000000000000", "replicas": 3,
                 "verificationMode": "REDUNDANT", "biddingWindowSeconds": 600}
                """;
        return JsonPath.read(market.call(post("/api/v1/jobs").content(body), consumer)
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(), "$.jobId");
    }

    /** Opens the job, has every provider bid the same price, closes the auction; returns each one's lease id. */
    private Map<String, String> awardToAll(String jobId, String consumer, List<String> providers) throws Exception {
        market.openWithFundsHeld(jobId, consumer);
        for (String provider : providers) {
            market.bid(provider, jobId, "1000000000000000000").andExpect(status().isCreated());
        }
        return closeAuctionAwardingAll(jobId, consumer, providers);
    }

    /**
     * Moves time past the window once (moving it again would silence the first leases past the heartbeat timeout)
     * and returns each winner's lease id.
     */
    private Map<String, String> closeAuctionAwardingAll(String jobId, String consumer, List<String> winners) {
        clock.advance(MarketActions.PAST_THE_WINDOW);
        return await().atMost(PATIENCE).until(() -> {
            String job = market.call(get("/api/v1/jobs/{jobId}", jobId), consumer).andReturn().getResponse()
                    .getContentAsString();
            List<String> providers = JsonPath.read(job, "$.leases[*].provider");
            List<String> ids = JsonPath.read(job, "$.leases[*].leaseId");
            return providers.size() == winners.size()
                    ? IntStream.range(0, ids.size()).boxed().collect(Collectors.toMap(providers::get, ids::get))
                    : null;
        }, found -> found != null && found.keySet().containsAll(winners));
    }

    private void reject(String jobId, String leaseId, String provider, String reason) {
        kafka.publishExample(EventType.WORK_REJECTED, jobId, example -> {
            example.put("leaseId", leaseId);
            example.put("jobId", jobId);
            example.put("provider", provider);
            example.put("reason", reason);
        });
    }

    private void verify(String jobId, String leaseId, String provider) {
        kafka.publishExample(EventType.WORK_VERIFIED, jobId, example -> {
            example.put("leaseId", leaseId);
            example.put("jobId", jobId);
            example.put("provider", provider);
        });
    }

    private void settle(String jobId, String consumer, String leaseId, String provider, String outcome) {
        kafka.publishExample(EventType.SETTLEMENT_RECORDED, jobId, example -> {
            example.put("settlementId", UUID.randomUUID().toString());
            example.put("leaseId", leaseId);
            example.put("jobId", jobId);
            example.put("consumer", consumer);
            example.put("provider", provider);
            example.put("outcome", outcome);
        });
    }

    private void awaitLeaseStatus(String leaseId, String reader, String leaseStatus) {
        await().atMost(PATIENCE).untilAsserted(() -> market.call(get("/api/v1/leases/{leaseId}", leaseId), reader)
                .andExpect(jsonPath("$.status").value(leaseStatus)));
    }

    /** How many events of {@code eventType} matching's inbox has handled (tests run one at a time). */
    private long processed(String eventType) {
        return jdbc.sql("select count(*) from processed_event where event_type = ?").param(eventType)
                .query(Long.class).single();
    }

    private void awaitProcessed(String eventType, long atLeast) {
        await().atMost(PATIENCE).until(() -> processed(eventType) >= atLeast);
    }

    private String jobField(String jobId, String consumer, String path) throws Exception {
        return String.valueOf((Object) JsonPath.read(market.call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andReturn().getResponse().getContentAsString(), path));
    }

    /** The job's events in the order its transactions appended them to the outbox. */
    private List<String> outboxTypes(String jobId) {
        return jdbc.sql("select event_type from outbox_event where message_key = ? order by sequence")
                .param(jobId).query(String.class).list();
    }
}
