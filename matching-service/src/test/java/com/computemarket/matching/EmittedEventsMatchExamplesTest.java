package com.computemarket.matching;

import static com.computemarket.matching.jobs.model.TestJobs.POSTED_AT;
import static com.computemarket.matching.jobs.model.TestJobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.JobExpired;
import com.computemarket.events.MarketEvent;
import com.computemarket.events.SettlementOutcome;
import com.computemarket.events.VerificationMode;
import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.leases.model.Lease;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What matching emits has the shape of each event type's checked example: same fields, same JSON kinds. */
class EmittedEventsMatchExamplesTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private void assertShapeOfExample(MarketEvent emitted) {
        JsonNode example = json.readTree(EventExamples.json(emitted.eventType()));
        JsonNode written = json.readTree(json.writeValueAsString(emitted));

        assertThat(written.propertyNames()).containsExactlyInAnyOrderElementsOf(example.propertyNames());
        for (String field : example.propertyNames()) {
            assertThat(written.get(field).getNodeType()).as(field).isEqualTo(example.get(field).getNodeType());
        }
    }

    @Test
    void jobEventsHaveTheExamplesShape() {
        Job job = aJob().withReplicas(3, VerificationMode.REDUNDANT).closingWhenQualifiedBids(3).posted();
        assertShapeOfExample(job.posted());
        assertShapeOfExample(job.open(1, POSTED_AT));
        MarketEvent expired = job.expire(Map.of("NO_BIDS", 1),
                new JobExpired.ProviderSurvey(0, Map.of("GPU_MODEL_UNAVAILABLE", 3)));
        assertShapeOfExample(expired);
        assertThat(expired.eventType()).isEqualTo(EventType.JOB_EXPIRED);
    }

    @Test
    void jobEndingEventsHaveTheExamplesShape() {
        Job rejected = aJob().posted();
        MarketEvent rejection = rejected.rejectHold("INSUFFICIENT_FUNDS", POSTED_AT);
        assertShapeOfExample(rejection);
        assertThat(rejection.eventType()).isEqualTo(EventType.JOB_REJECTED);
        Job completed = aJob().open();
        completed.award();
        MarketEvent completion = completed.complete(POSTED_AT.plusSeconds(7200));
        assertShapeOfExample(completion);
        assertThat(completion.eventType()).isEqualTo(EventType.JOB_COMPLETED);
    }

    @Test
    void leaseEventsHaveTheExamplesShape() {
        Lease lease = Lease.award(UUID.randomUUID(), UUID.randomUUID(), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
                "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", BigInteger.TEN.pow(18), 3600, UUID.randomUUID(), POSTED_AT);
        assertShapeOfExample(lease.awarded(3, 3, VerificationMode.REDUNDANT));
        assertShapeOfExample(lease.closeOnSettlement(SettlementOutcome.PAID, POSTED_AT.plusSeconds(3600)));
    }

    @Test
    void cancelEventsHaveTheExamplesShape() {
        Job job = aJob().open();
        job.award();
        Lease lease = Lease.award(UUID.randomUUID(), job.id(), job.consumer(),
                "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", BigInteger.TEN.pow(18), 3600, UUID.randomUUID(), POSTED_AT);
        // Silent for 60 s with 30 s allowed: the downtime, then the close.
        List<MarketEvent> closing = lease.closeOnConsumerCancel(POSTED_AT.plusSeconds(60), Duration.ofSeconds(30));
        assertThat(closing).extracting(MarketEvent::eventType)
                .containsExactly(EventType.LEASE_DOWNTIME_RECORDED, EventType.LEASE_CLOSED);
        closing.forEach(this::assertShapeOfExample);
        MarketEvent cancelled = job.cancel(POSTED_AT.plusSeconds(60));
        assertShapeOfExample(cancelled);
        assertThat(cancelled.eventType()).isEqualTo(EventType.JOB_CANCELLED);
    }
}
