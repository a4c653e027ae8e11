package com.computemarket.chain.settlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.computemarket.chain.ChainIndexerIntegrationTest;
import com.computemarket.chain.contracts.SettlementAnchorContract;
import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.SettlementRecorded;
import com.computemarket.testsupport.AnvilNode;
import com.computemarket.testsupport.DevAccounts;
import com.computemarket.testsupport.KafkaTestEvents;
import com.computemarket.testsupport.TestInfrastructure;
import com.computemarket.testsupport.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A reorg that removes an anchor transaction sends the batch back to be anchored again (see VanishedAnchors). */
@ChainIndexerIntegrationTest
class AnchorReorgTest {

    private static final String EXAMPLE_ID = "c3a0e7b2-51f4-4d0e-9e2a-8b7c6d5e4f30";
    private static final AnvilNode ANVIL = TestInfrastructure.shared().anvil();

    @Autowired
    MockMvc mvc;
    @Autowired
    SettlementAnchorContract anchor;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aBatchWhoseAnchorTransactionVanishedInAReorgIsAnchoredAgain() throws Exception {
        String settlementId = UUID.randomUUID().toString();
        String payload = EventExamples.json(EventType.SETTLEMENT_RECORDED).replace(EXAMPLE_ID, settlementId);
        SettlementRecorded settlement = json.readValue(payload, SettlementRecorded.class);
        KafkaTestEvents.publish(EventType.SETTLEMENT_RECORDED, settlement.aggregateId(), payload, UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> "ANCHORED".equals(proofOf(settlementId).path("status")
                .asString()));
        JsonNode first = proofOf(settlementId);
        long batchId = first.get("batchId").asLong();
        String firstTx = first.get("anchorTxHash").asString();
        long anchorBlock = first.get("anchorBlock").asLong();
        ANVIL.mine(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> indexedUpTo() >= anchorBlock + 3);

        long head = Long.decode(json.readTree(ANVIL.rpc("eth_blockNumber", "[]")).get("result").asString());
        String reorg = ANVIL.rpc("anvil_reorg", "[" + (head - anchorBlock + 1) + ", []]");
        assertThat(json.readTree(reorg).has("error")).as(reorg).isFalse();

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode proof = proofOf(settlementId);
            return "ANCHORED".equals(proof.path("status").asString())
                    && !firstTx.equals(proof.path("anchorTxHash").asString());
        });
        JsonNode again = proofOf(settlementId);
        assertThat(again.get("batchId").asLong()).isEqualTo(batchId);
        assertThat(again.get("root").asString()).isEqualTo(first.get("root").asString());
        assertThat(Hex.of(anchor.rootOf(batchId))).isEqualTo(first.get("root").asString());
        assertThat(json.readTree(ANVIL.rpc("eth_getTransactionReceipt", "[\"" + firstTx + "\"]")).get("result")
                .isNull()).as("the first anchor transaction is gone").isTrue();
    }

    private long indexedUpTo() {
        return jdbc.sql("select last_indexed from chain_index").query(Long.class).optional().orElse(-1L);
    }

    private JsonNode proofOf(String settlementId) throws Exception {
        String body = mvc.perform(get("/api/v1/settlements/{id}/proof", settlementId)
                        .header("Authorization", TestTokens.bearer(DevAccounts.PROVIDER_A.address())))
                .andReturn().getResponse().getContentAsString();
        return body.isEmpty() ? json.createObjectNode() : json.readTree(body);
    }
}
