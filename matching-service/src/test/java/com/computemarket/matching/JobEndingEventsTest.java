package com.computemarket.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.events.EventType;
import com.computemarket.testsupport.TestAddresses;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Every move of a job to an end state is announced on matching.jobs.v1, once, from the transaction that makes it. */
@MatchingIntegrationTest
class JobEndingEventsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final KafkaEvents kafka = new KafkaEvents();

    @Autowired
    private MarketActions market;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aJobWhoseLeasesAllCloseIsAnnouncedCompletedOnceEvenWhenItsSettlementIsReplayed() throws Exception {
        String consumer = TestAddresses.fresh();
        String provider = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(provider, jobId, "1500000000000000000").andExpect(status().isCreated());
        String leaseId = market.closeAuctionAwardingTo(jobId, consumer, provider);

        UUID settlement = UUID.randomUUID();
        publishSettlement(jobId, leaseId, consumer, provider, settlement);
        market.awaitJobStatus(jobId, consumer, "COMPLETED");

        JsonNode completed = await().atMost(PATIENCE)
                .until(() -> kafka.published(EventType.JOB_COMPLETED, jobId), events -> events.size() == 1)
                .getFirst();
        assertThat(completed.get("jobId").asString()).isEqualTo(jobId);
        assertThat(completed.get("consumer").asString()).isEqualTo(consumer);
        assertThat(completed.get("completedAt").asString()).isNotBlank();

        // The same record redelivered, and a second settlement record for the lease: the job completed already.
        UUID secondSettlement = UUID.randomUUID();
        publishSettlement(jobId, leaseId, consumer, provider, settlement);
        publishSettlement(jobId, leaseId, consumer, provider, secondSettlement);
        await().atMost(PATIENCE).until(() -> processedByMatching(secondSettlement));
        assertThat(completionsInOutbox(jobId)).isEqualTo(1);
        assertThat(kafka.published(EventType.JOB_COMPLETED, jobId)).hasSize(1);
    }

    @Test
    void aJobWhoseHoldEscrowRejectsIsAnnouncedRejectedWithEscrowsReason() throws Exception {
        String consumer = TestAddresses.fresh();
        String jobId = market.postJob(consumer);

        market.publishFundsHoldRejected(jobId, consumer);
        market.awaitJobStatus(jobId, consumer, "REJECTED");

        List<JsonNode> rejected = await().atMost(PATIENCE)
                .until(() -> kafka.published(EventType.JOB_REJECTED, jobId), events -> !events.isEmpty());
        assertThat(rejected).hasSize(1);
        assertThat(rejected.getFirst().get("jobId").asString()).isEqualTo(jobId);
        assertThat(rejected.getFirst().get("consumer").asString()).isEqualTo(consumer);
        assertThat(rejected.getFirst().get("reason").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(rejected.getFirst().get("rejectedAt").asString()).isNotBlank();
    }

    private void publishSettlement(String jobId, String leaseId, String consumer, String provider, UUID eventId) {
        kafka.publishExample(EventType.SETTLEMENT_RECORDED, jobId, eventId, example -> {
            example.put("leaseId", leaseId);
            example.put("jobId", jobId);
            example.put("consumer", consumer);
            example.put("provider", provider);
        });
    }

    private boolean processedByMatching(UUID eventId) {
        return jdbc.sql("select count(*) from processed_event where consumer = ? and event_id = ?")
                .params(MatchingEvents.CONSUMER, eventId).query(Long.class).single() == 1;
    }

    private long completionsInOutbox(String jobId) {
        return jdbc.sql("select count(*) from outbox_event where event_type = ? and message_key = ?")
                .params(EventType.JOB_COMPLETED.typeName(), jobId).query(Long.class).single();
    }
}
