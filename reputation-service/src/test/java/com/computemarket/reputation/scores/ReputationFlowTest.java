package com.computemarket.reputation.scores;

import static com.computemarket.testsupport.KafkaTestEvents.TopicReader.header;
import static com.computemarket.testsupport.KafkaTestEvents.TopicReader.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.Topics;
import com.computemarket.testsupport.KafkaTestEvents;
import com.computemarket.reputation.ReputationIntegrationTest;
import com.computemarket.testsupport.DevAccounts;
import com.computemarket.testsupport.TestTokens;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.web3j.crypto.Keys;
import tools.jackson.databind.JsonNode;

@ReputationIntegrationTest
class ReputationFlowTest {

    private static final String READER = DevAccounts.CONSUMER.address();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    private final String provider = randomAddress();
    private final UUID job = UUID.randomUUID();
    private KafkaTestEvents.TopicReader scores;

    @BeforeEach
    void readScores() {
        scores = new KafkaTestEvents.TopicReader(Topics.REPUTATION_SCORES);
    }

    @AfterEach
    void closeReader() {
        scores.close();
    }

    @Test
    void verdictsMoveTheScoreAndEachChangeIsExplainedAndAnnounced() throws Exception {
        UUID verifiedEvent = UUID.randomUUID();
        UUID rejectedEvent = UUID.randomUUID();
        UUID verifiedLease = UUID.randomUUID();
        UUID rejectedLease = UUID.randomUUID();

        publishVerified(verifiedLease, verifiedEvent);
        publishRejected(rejectedLease, rejectedEvent);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reputation(provider)
                .andExpect(jsonPath("$.score").value(460)));
        reputation(provider)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.provider").value(provider))
                .andExpect(jsonPath("$.evidence.length()").value(2))
                .andExpect(jsonPath("$.evidence[0].eventId").value(rejectedEvent.toString()))
                .andExpect(jsonPath("$.evidence[0].type").value("WorkRejected"))
                .andExpect(jsonPath("$.evidence[0].outcome").value("REJECTED"))
                .andExpect(jsonPath("$.evidence[0].delta").value(-50))
                .andExpect(jsonPath("$.evidence[0].scoreAfter").value(460))
                .andExpect(jsonPath("$.evidence[0].reason").value("OUTVOTED"))
                .andExpect(jsonPath("$.evidence[0].leaseId").value(rejectedLease.toString()))
                .andExpect(jsonPath("$.evidence[0].jobId").value(job.toString()))
                .andExpect(jsonPath("$.evidence[1].eventId").value(verifiedEvent.toString()))
                .andExpect(jsonPath("$.evidence[1].delta").value(10))
                .andExpect(jsonPath("$.evidence[1].scoreAfter").value(510));

        List<ConsumerRecord<String, String>> announced = await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> scores.keyed(provider), records -> records.size() >= 2);
        assertThat(announced).allSatisfy(record -> {
            assertThat(header(record, "ce_type")).isEqualTo("ReputationUpdated");
            assertThat(payload(record).propertyNames()).containsExactlyInAnyOrderElementsOf(
                    KafkaTestEvents.JSON.readTree(EventExamples.json(EventType.REPUTATION_UPDATED)).propertyNames());
        });
        JsonNode first = payload(announced.get(0));
        JsonNode second = payload(announced.get(1));
        assertThat(first.get("provider").asString()).isEqualTo(provider);
        assertThat(first.get("previousScore").asInt()).isEqualTo(500);
        assertThat(first.get("score").asInt()).isEqualTo(510);
        assertThat(first.get("cause").asString()).isEqualTo("WorkVerified");
        assertThat(first.get("evidenceEventId").asString()).isEqualTo(verifiedEvent.toString());
        assertThat(second.get("previousScore").asInt()).isEqualTo(510);
        assertThat(second.get("score").asInt()).isEqualTo(460);
        assertThat(second.get("cause").asString()).isEqualTo("WorkRejected");
    }

    @Test
    void aDuplicateDeliveryChangesNothing() throws Exception {
        UUID verifiedEvent = UUID.randomUUID();
        publishVerified(UUID.randomUUID(), verifiedEvent);
        publishVerified(UUID.randomUUID(), verifiedEvent);
        publishRejected(UUID.randomUUID(), UUID.randomUUID()); // same key, so consumed after the duplicate

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reputation(provider)
                .andExpect(jsonPath("$.evidence.length()").value(2)));
        reputation(provider).andExpect(jsonPath("$.score").value(460));
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where message_key = ?", Integer.class,
                provider)).isEqualTo(2);
    }

    @Test
    void aProviderWithoutEvidenceHasTheInitialScore() throws Exception {
        reputation(provider.toLowerCase())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.provider").value(provider))
                .andExpect(jsonPath("$.score").value(500))
                .andExpect(jsonPath("$.evidence").isEmpty());
    }

    @Test
    void aMalformedAddressIsABadRequestNamingProviderAddress() throws Exception {
        reputation("0x1234")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("providerAddress"))
                .andExpect(jsonPath("$.errors[0].field").value("providerAddress"));
        reputation("0x" + "g".repeat(40)).andExpect(status().isBadRequest());
    }

    @Test
    void scoresAreForAuthenticatedCallersOnly() throws Exception {
        mvc.perform(get("/api/v1/reputation/{providerAddress}", provider)).andExpect(status().isUnauthorized());
    }

    @Test
    void probesAndMetricsAreServedWithoutAToken() throws Exception {
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
    }

    private void publishVerified(UUID lease, UUID eventId) {
        KafkaTestEvents.publish(EventType.WORK_VERIFIED, job.toString(), KafkaTestEvents.example(EventType.WORK_VERIFIED,
                Map.of("leaseId", lease, "jobId", job, "provider", provider)), eventId);
    }

    private void publishRejected(UUID lease, UUID eventId) {
        KafkaTestEvents.publish(EventType.WORK_REJECTED, job.toString(), KafkaTestEvents.example(EventType.WORK_REJECTED,
                Map.of("leaseId", lease, "jobId", job, "provider", provider)), eventId);
    }

    private ResultActions reputation(String address) throws Exception {
        return mvc.perform(get("/api/v1/reputation/{providerAddress}", address)
                .header("Authorization", TestTokens.bearer(READER)));
    }

    private static String randomAddress() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Keys.toChecksumAddress(HexFormat.of().formatHex(bytes));
    }
}
