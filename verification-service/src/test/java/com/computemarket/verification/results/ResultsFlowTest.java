package com.computemarket.verification.results;

import static com.computemarket.testsupport.KafkaTestEvents.TopicReader.header;
import static com.computemarket.testsupport.KafkaTestEvents.TopicReader.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.Topics;
import com.computemarket.testsupport.DevAccounts;
import com.computemarket.testsupport.TestTokens;
import com.computemarket.testsupport.KafkaTestEvents;
import com.computemarket.verification.VerificationIntegrationTest;
import com.computemarket.verification.results.model.Bytes32;
import com.computemarket.verification.results.model.Commitment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

@VerificationIntegrationTest
class ResultsFlowTest {

    private static final String CONSUMER = DevAccounts.CONSUMER.address();
    private static final String PROVIDER_A = DevAccounts.PROVIDER_A.address();
    private static final String PROVIDER_B = DevAccounts.PROVIDER_B.address();
    private static final String PROVIDER_C = DevAccounts.PROVIDER_C.address();
    private static final Bytes32 AGREED = digest('a');
    private static final Bytes32 DISSENT = digest('d');
    private static final Bytes32 SALT = digest('5');

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    private final UUID job = UUID.randomUUID();
    private KafkaTestEvents.TopicReader verdicts;

    @BeforeEach
    void readVerdicts() {
        verdicts = new KafkaTestEvents.TopicReader(Topics.VERIFICATION_VERDICTS);
    }

    @AfterEach
    void closeReader() {
        verdicts.close();
    }

    @Test
    void twoOfThreeAgreeingReplicasAreVerifiedAndTheDissenterIsOutvoted() throws Exception {
        UUID leaseA = award(PROVIDER_A, "REDUNDANT", 3);
        UUID leaseB = award(PROVIDER_B, "REDUNDANT", 3);
        UUID leaseC = award(PROVIDER_C, "REDUNDANT", 3);
        commit(leaseA, PROVIDER_A, Commitment.of(job, AGREED, SALT)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMMITTED"));
        commit(leaseB, PROVIDER_B, Commitment.of(job, AGREED, SALT)).andExpect(status().isOk());

        reveal(leaseA, PROVIDER_A, AGREED.hex(), SALT.hex())
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/reveal-too-early"));

        commit(leaseC, PROVIDER_C, Commitment.of(job, DISSENT, SALT)).andExpect(status().isOk());
        reveal(leaseA, PROVIDER_A, AGREED.hex(), SALT.hex()).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REVEALED"));
        reveal(leaseC, PROVIDER_C, DISSENT.hex(), SALT.hex()).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REVEALED"));
        reveal(leaseB, PROVIDER_B, AGREED.hex(), SALT.hex()).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("VERIFIED"));

        List<ConsumerRecord<String, String>> published = awaitVerdicts(3);
        Map<String, List<JsonNode>> byType = published.stream().collect(Collectors.groupingBy(
                record -> header(record, "ce_type"), Collectors.mapping(KafkaTestEvents.TopicReader::payload,
                        Collectors.toList())));
        assertThat(byType.get("WorkVerified")).extracting(verified -> verified.get("leaseId").asString())
                .containsExactlyInAnyOrder(leaseA.toString(), leaseB.toString());
        assertThat(byType.get("WorkVerified")).allSatisfy(verified -> {
            assertThat(verified.get("resultDigest").asString()).isEqualTo(AGREED.hex());
            assertThat(verified.propertyNames()).containsExactlyInAnyOrderElementsOf(exampleFields(
                    EventType.WORK_VERIFIED));
        });
        assertThat(byType.get("WorkRejected")).singleElement().satisfies(rejected -> {
            assertThat(rejected.get("leaseId").asString()).isEqualTo(leaseC.toString());
            assertThat(rejected.get("provider").asString()).isEqualTo(PROVIDER_C);
            assertThat(rejected.get("reason").asString()).isEqualTo("OUTVOTED");
            assertThat(rejected.get("evidence").asString()).isEqualTo("digest " + DISSENT
                    + " agreed by 1 of 3 replicas; " + AGREED + " agreed by 2 of 3, quorum 2");
            assertThat(rejected.propertyNames()).containsExactlyInAnyOrderElementsOf(exampleFields(
                    EventType.WORK_REJECTED));
        });

        mvc.perform(get("/api/v1/results/{leaseId}", leaseC).header("Authorization", TestTokens.bearer(CONSUMER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.reason").value("OUTVOTED"))
                .andExpect(jsonPath("$.resultDigest").value(DISSENT.hex()));
    }

    @Test
    void repeatingAnAcceptedRevealPublishesNoSecondVerdict() throws Exception {
        UUID lease = award(PROVIDER_A, "NONE", 1);
        commit(lease, PROVIDER_A, Commitment.of(job, AGREED, SALT)).andExpect(status().isOk());
        reveal(lease, PROVIDER_A, AGREED.hex(), SALT.hex()).andExpect(jsonPath("$.status").value("VERIFIED"));

        reveal(lease, PROVIDER_A, AGREED.hex(), SALT.hex()).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("VERIFIED"));

        assertThat(outboxTypesOfJob()).containsExactly("WorkVerified");
        assertThat(awaitVerdicts(1)).singleElement()
                .satisfies(record -> assertThat(payload(record).get("leaseId").asString()).isEqualTo(lease.toString()));
    }

    @Test
    void aDuplicateDeliveryOfLeaseAwardedChangesNothing() throws Exception {
        UUID lease = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        KafkaTestEvents.publish(EventType.LEASE_AWARDED, job.toString(), awardJson(lease, PROVIDER_A, "NONE", 1), eventId);
        awaitAwarded(lease, PROVIDER_A);

        // the same event id again, now naming another lease: a consumer that applied it would know that lease
        UUID leaseInDuplicate = UUID.randomUUID();
        KafkaTestEvents.publish(EventType.LEASE_AWARDED, job.toString(),
                awardJson(leaseInDuplicate, PROVIDER_B, "NONE", 1), eventId);
        award(PROVIDER_C, "NONE", 1); // same key, so consumed after the duplicate

        mvc.perform(get("/api/v1/results/{leaseId}", leaseInDuplicate)
                        .header("Authorization", TestTokens.bearer(PROVIDER_B)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/results/{leaseId}", lease).header("Authorization", TestTokens.bearer(PROVIDER_A)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.provider").value(PROVIDER_A));
    }

    @Test
    void aCommitmentWaitsUntilEscrowHasFundedTheLease() throws Exception {
        UUID lease = UUID.randomUUID();
        KafkaTestEvents.publish(EventType.LEASE_AWARDED, job.toString(), awardJson(lease, PROVIDER_A, "NONE", 1),
                UUID.randomUUID());
        awaitAwarded(lease, PROVIDER_A);

        commit(lease, PROVIDER_A, Commitment.of(job, AGREED, SALT))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/lease-not-funded"))
                .andExpect(jsonPath("$.field").value("leaseId"));

        fund(lease);
        commit(lease, PROVIDER_A, Commitment.of(job, AGREED, SALT)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMMITTED"));
    }

    @Test
    void aLeaseClosedForInsufficientFundsTakesNoResultAndGivesNoVerdict() throws Exception {
        UUID lapsed = award(PROVIDER_A, "NONE", 1);
        commit(lapsed, PROVIDER_A, Commitment.of(job, AGREED, SALT)).andExpect(status().isOk());

        KafkaTestEvents.publish(EventType.LEASE_CLOSED, job.toString(), KafkaTestEvents.example(EventType.LEASE_CLOSED,
                Map.of("leaseId", lapsed, "jobId", job, "provider", PROVIDER_A, "reason", "INSUFFICIENT_FUNDS")),
                UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(
                        get("/api/v1/results/{leaseId}", lapsed).header("Authorization", TestTokens.bearer(PROVIDER_A)))
                .andExpect(jsonPath("$.status").value("LAPSED")));

        reveal(lapsed, PROVIDER_A, AGREED.hex(), SALT.hex())
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/lease-lapsed"))
                .andExpect(jsonPath("$.field").value("leaseId"));
        assertThat(outboxTypesOfJob()).isEmpty();
    }

    @Test
    void anotherCallerGetsNotFoundAndTheConsumerMayOnlyRead() throws Exception {
        UUID lease = award(PROVIDER_A, "NONE", 1);

        mvc.perform(get("/api/v1/results/{leaseId}", lease).header("Authorization", TestTokens.bearer(PROVIDER_B)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/not-found"))
                .andExpect(jsonPath("$.field").value("leaseId"));
        commit(lease, PROVIDER_B, Commitment.of(job, AGREED, SALT)).andExpect(status().isNotFound());
        commit(lease, CONSUMER, Commitment.of(job, AGREED, SALT)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/results/{leaseId}", UUID.randomUUID())
                        .header("Authorization", TestTokens.bearer(PROVIDER_A)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/results/{leaseId}", lease)).andExpect(status().isUnauthorized());

        mvc.perform(get("/api/v1/results/{leaseId}", lease).header("Authorization", TestTokens.bearer(CONSUMER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("AWAITING_COMMITMENT"));
    }

    @Test
    void badHexIsABadRequestNamingTheFieldAndChangesNothing() throws Exception {
        UUID lease = award(PROVIDER_A, "NONE", 1);

        commit(lease, PROVIDER_A, "0x1234").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("commitment"))
                .andExpect(jsonPath("$.errors[0].field").value("commitment"));
        commit(lease, PROVIDER_A, Commitment.of(job, AGREED, SALT)).andExpect(status().isOk());
        reveal(lease, PROVIDER_A, AGREED.hex(), "0x" + "zz".repeat(32)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("salt"));
        mvc.perform(post("/api/v1/results/{leaseId}/reveal", lease)
                        .header("Authorization", TestTokens.bearer(PROVIDER_A))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"salt\":\"" + SALT.hex() + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("resultDigest"));

        mvc.perform(get("/api/v1/results/{leaseId}", lease).header("Authorization", TestTokens.bearer(PROVIDER_A)))
                .andExpect(jsonPath("$.status").value("COMMITTED"));
        assertThat(outboxTypesOfJob()).isEmpty();
    }

    @Test
    void aRevealThatDoesNotMatchItsCommitmentIsRejectedAndACommitmentCannotChange() throws Exception {
        UUID lease = award(PROVIDER_A, "NONE", 1);
        commit(lease, PROVIDER_A, Commitment.of(job, AGREED, SALT)).andExpect(status().isOk());

        commit(lease, PROVIDER_A, Commitment.of(job, DISSENT, SALT))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/commitment-already-recorded"))
                .andExpect(jsonPath("$.field").value("commitment"));
        reveal(lease, PROVIDER_A, DISSENT.hex(), SALT.hex())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.reason").value("COMMITMENT_MISMATCH"));

        assertThat(awaitVerdicts(1)).singleElement().satisfies(record -> {
            assertThat(header(record, "ce_type")).isEqualTo("WorkRejected");
            assertThat(payload(record).get("reason").asString()).isEqualTo("COMMITMENT_MISMATCH");
        });
    }

    @Test
    void concurrentRevealsOfOneJobGiveEveryLeaseExactlyOneVerdict() throws Exception {
        List<String> providers = List.of(PROVIDER_A, PROVIDER_B, PROVIDER_C);
        List<UUID> leases = providers.stream().map(provider -> award(provider, "REDUNDANT", 3)).toList();
        for (int i = 0; i < 3; i++) {
            commit(leases.get(i), providers.get(i), Commitment.of(job, AGREED, SALT)).andExpect(status().isOk());
        }

        try (ExecutorService reveals = Executors.newFixedThreadPool(3)) {
            List<Callable<Integer>> calls = java.util.stream.IntStream.range(0, 3)
                    .<Callable<Integer>>mapToObj(i -> () -> reveal(leases.get(i), providers.get(i), AGREED.hex(),
                            SALT.hex()).andReturn().getResponse().getStatus())
                    .toList();
            for (Future<Integer> answer : reveals.invokeAll(calls)) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }

        List<JsonNode> verified = jdbc.queryForList(
                        "select payload from outbox_event where message_key = ? and event_type = 'WorkVerified'",
                        String.class, job.toString()).stream()
                .map(KafkaTestEvents.JSON::readTree)
                .toList();
        assertThat(verified).hasSize(3);
        Set<String> verifiedLeases = verified.stream().map(node -> node.get("leaseId").asString())
                .collect(Collectors.toSet());
        assertThat(verifiedLeases).containsExactlyInAnyOrderElementsOf(
                leases.stream().map(UUID::toString).toList());
    }

    @Test
    void probesAndMetricsAreServedWithoutAToken() throws Exception {
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
    }

    /** A lease awarded by matching and funded by escrow, ready for its provider's commitment. */
    private UUID award(String provider, String mode, int replicas) {
        UUID lease = UUID.randomUUID();
        KafkaTestEvents.publish(EventType.LEASE_AWARDED, job.toString(), awardJson(lease, provider, mode, replicas),
                UUID.randomUUID());
        awaitAwarded(lease, provider);
        fund(lease);
        return lease;
    }

    private void fund(UUID lease) {
        String provider = jdbc.queryForObject("select provider from lease_result where lease_id = ?", String.class, lease);
        KafkaTestEvents.publish(EventType.LEASE_FUNDED, job.toString(), KafkaTestEvents.example(EventType.LEASE_FUNDED,
                Map.of("leaseId", lease, "jobId", job, "provider", provider)), UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(
                        get("/api/v1/results/{leaseId}", lease).header("Authorization", TestTokens.bearer(provider)))
                .andExpect(jsonPath("$.funded").value(true)));
    }

    private String awardJson(UUID lease, String provider, String mode, int replicas) {
        return KafkaTestEvents.example(EventType.LEASE_AWARDED, Map.of(
                "leaseId", lease, "jobId", job, "consumer", CONSUMER, "provider", provider,
                "replicas", replicas, "leasesInAward", replicas, "verificationMode", mode));
    }

    private void awaitAwarded(UUID lease, String provider) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(
                        get("/api/v1/results/{leaseId}", lease).header("Authorization", TestTokens.bearer(provider)))
                .andExpect(status().isOk()));
    }

    private ResultActions commit(UUID lease, String caller, Bytes32 commitment) throws Exception {
        return commit(lease, caller, commitment.hex());
    }

    private ResultActions commit(UUID lease, String caller, String commitment) throws Exception {
        return mvc.perform(post("/api/v1/results/{leaseId}/commitment", lease)
                .header("Authorization", TestTokens.bearer(caller))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"commitment\":\"" + commitment + "\"}"));
    }

    private ResultActions reveal(UUID lease, String caller, String resultDigest, String salt) throws Exception {
        return mvc.perform(post("/api/v1/results/{leaseId}/reveal", lease)
                .header("Authorization", TestTokens.bearer(caller))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"resultDigest\":\"" + resultDigest + "\",\"salt\":\"" + salt + "\"}"));
    }

    private List<ConsumerRecord<String, String>> awaitVerdicts(int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> verdicts.keyed(job.toString()), records -> records.size() >= count);
    }

    private List<String> outboxTypesOfJob() {
        return jdbc.queryForList("select event_type from outbox_event where message_key = ?", String.class,
                job.toString());
    }

    private static java.util.Collection<String> exampleFields(EventType type) {
        return KafkaTestEvents.JSON.readTree(EventExamples.json(type)).propertyNames();
    }

    private static Bytes32 digest(char hexDigit) {
        return new Bytes32("0x" + String.valueOf(hexDigit).repeat(64));
    }
}
