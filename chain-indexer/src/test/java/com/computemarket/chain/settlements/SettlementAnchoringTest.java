package com.computemarket.chain.settlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.chain.ChainIndexerIntegrationTest;
import com.computemarket.chain.contracts.SettlementAnchorContract;
import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.SettlementRecorded;
import com.computemarket.testsupport.DevAccounts;
import com.computemarket.testsupport.KafkaTestEvents;
import com.computemarket.testsupport.TestTokens;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ChainIndexerIntegrationTest
class SettlementAnchoringTest {

    private static final String EXAMPLE_ID = "c3a0e7b2-51f4-4d0e-9e2a-8b7c6d5e4f30";
    private static final String READER = DevAccounts.PROVIDER_A.address();

    @Autowired
    MockMvc mvc;
    @Autowired
    SettlementAnchorContract anchor;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    DataSource dataSource;

    @Test
    void settlementsFromKafkaAreAnchoredAndTheirProofsVerifyOnChain() throws Exception {
        String example = EventExamples.json(EventType.SETTLEMENT_RECORDED);
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        publish(example);
        publish(example.replace(EXAMPLE_ID, second.toString()));
        publish(example.replace(EXAMPLE_ID, third.toString()).replace("\"1462500000000000000\"", "\"1\""));

        for (String settlementId : List.of(EXAMPLE_ID, second.toString(), third.toString())) {
            JsonNode proof = awaitAnchoredProof(settlementId);
            long batchId = proof.get("batchId").asLong();
            byte[] leaf = Hex.word(proof.get("leaf").asString());
            List<byte[]> siblings = proof.get("proof").valueStream().map(node -> Hex.word(node.asString())).toList();

            assertThat(Hex.of(anchor.rootOf(batchId))).isEqualTo(proof.get("root").asString());
            assertThat(anchor.itemCountOf(batchId)).isEqualTo(proof.get("itemCount").asInt());
            assertThat(anchor.verify(batchId, siblings, leaf)).as("on-chain verify of %s", settlementId).isTrue();
            assertThat(anchor.verify(batchId, siblings, SettlementLeaf.of(UUID.randomUUID(), READER, READER,
                    BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO))).isFalse();
            assertThat(proof.get("anchorTxHash").asString()).matches("0x[0-9a-f]{64}");
            assertThat(proof.get("anchorBlock").asLong()).isPositive();
            assertThat(proof.get("anchorContract").asString()).isEqualTo(anchor.address());
        }
        JsonNode exampleProof = awaitAnchoredProof(EXAMPLE_ID);
        SettlementRecorded recorded = json.readValue(example, SettlementRecorded.class);
        assertThat(exampleProof.get("leaf").asString()).isEqualTo(Hex.of(SettlementLeaf.of(recorded)));
        assertThat(jdbc.sql("select min(id) from settlement_batch").query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void whileAnotherInstanceIsAnchoringThisOneLeavesTheBatchesToIt() throws Exception {
        UUID settlementId = UUID.randomUUID();
        try (Connection otherInstance = dataSource.getConnection();
                Statement statement = otherInstance.createStatement()) {
            statement.execute("select pg_advisory_lock(" + SettlementAnchoring.ANCHORING_LOCK_KEY + ")");
            publish(EventExamples.json(EventType.SETTLEMENT_RECORDED).replace(EXAMPLE_ID, settlementId.toString()));

            // PENDING only once the listener stored it: on a loaded machine that alone may take several seconds.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(30))
                    .until(() -> "PENDING".equals(proofOf(settlementId.toString()).path("status").asString()));
            statement.execute("select pg_advisory_unlock(" + SettlementAnchoring.ANCHORING_LOCK_KEY + ")");
        }
        assertThat(awaitAnchoredProof(settlementId.toString()).get("batchId").asLong()).isPositive();
    }

    @Test
    void aRedeliveredSettlementIsStoredOnce() throws Exception {
        UUID settlementId = UUID.randomUUID();
        String event = EventExamples.json(EventType.SETTLEMENT_RECORDED).replace(EXAMPLE_ID, settlementId.toString());
        UUID eventId = UUID.randomUUID();

        publish(event, eventId);
        publish(event, eventId);
        publish(event, UUID.randomUUID());

        awaitAnchoredProof(settlementId.toString());
        assertThat(jdbc.sql("select count(*) from settlement_item where settlement_id = ?").param(settlementId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from processed_event where event_id = ?").param(eventId)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anUnknownSettlementIsA404Problem() throws Exception {
        mvc.perform(get("/api/v1/settlements/{id}/proof", UUID.randomUUID()).header("Authorization",
                        TestTokens.bearer(READER)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void proofsNeedAnAuthenticatedCaller() throws Exception {
        mvc.perform(get("/api/v1/settlements/{id}/proof", EXAMPLE_ID))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aMalformedSettlementIdIsA400NamingIt() throws Exception {
        mvc.perform(get("/api/v1/settlements/{id}/proof", "not-a-uuid").header("Authorization",
                        TestTokens.bearer(READER)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("settlementId"));
    }

    private JsonNode awaitAnchoredProof(String settlementId) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> "ANCHORED".equals(proofOf(settlementId).path("status").asString()));
        return proofOf(settlementId);
    }

    private JsonNode proofOf(String settlementId) throws Exception {
        String body = mvc.perform(get("/api/v1/settlements/{id}/proof", settlementId)
                        .header("Authorization", TestTokens.bearer(READER)))
                .andReturn().getResponse().getContentAsString();
        return body.isEmpty() ? json.createObjectNode() : json.readTree(body);
    }

    private void publish(String payload) {
        publish(payload, UUID.randomUUID());
    }

    private void publish(String payload, UUID eventId) {
        SettlementRecorded settlement = json.readValue(payload, SettlementRecorded.class);
        KafkaTestEvents.publish(EventType.SETTLEMENT_RECORDED, settlement.aggregateId(), payload, eventId);
    }
}
