package com.computemarket.chain.deposits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.chain.ChainIndexerIntegrationTest;
import com.computemarket.chain.contracts.EscrowVaultContract;
import com.computemarket.chain.contracts.OperatorKey;
import com.computemarket.chain.contracts.TestTokenContract;
import com.computemarket.testsupport.DevAccounts;
import com.computemarket.testsupport.TestInfrastructure;
import com.computemarket.testsupport.TestTokens;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tiers of a deposit as it is buried deeper, the index status and lag, over HTTP. Confirmations 2, finality 64. */
@ChainIndexerIntegrationTest
class ChainApiTest {

    private static final DevAccounts OWNER = DevAccounts.CONSUMER;

    @Autowired
    MockMvc mvc;
    @Autowired
    TestTokenContract token;
    @Autowired
    EscrowVaultContract vault;
    @Autowired
    OperatorKey operator;
    @Autowired
    JsonMapper json;

    @Test
    void aDepositGoesFromSeenToSafeToFinalAsBlocksBuryIt() throws Exception {
        BigInteger amount = BigInteger.valueOf(31_337_000_111L);
        token.mint(operator.credentials(), OWNER.address(), amount);
        token.approve(OWNER.credentials(), vault.address(), amount);
        TransactionReceipt deposit = vault.deposit(OWNER.credentials(), amount);
        String path = "/api/v1/chain/deposits/31337/" + deposit.getTransactionHash() + "/"
                + deposit.getLogs().getLast().getLogIndex();

        await().atMost(Duration.ofSeconds(20)).until(() -> "SEEN".equals(read(path, OWNER).path("tier").asString()));
        JsonNode seen = read(path, OWNER);
        assertThat(seen.get("status").asString()).isEqualTo("ON_CHAIN");
        assertThat(seen.get("amount").asString()).isEqualTo("31337000111");
        assertThat(seen.get("account").asString()).isEqualTo(OWNER.address());
        assertThat(seen.get("blockHash").asString()).isEqualTo(deposit.getBlockHash());
        assertThat(seen.get("confirmedAt").isNull()).isTrue();

        TestInfrastructure.shared().anvil().mine(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SAFE".equals(read(path, OWNER).path("tier").asString()));
        assertThat(read(path, OWNER).get("confirmedAt").isNull()).isFalse();

        TestInfrastructure.shared().anvil().mine(62);
        await().atMost(Duration.ofSeconds(20)).until(() -> "FINAL".equals(read(path, OWNER).path("tier").asString()));

        JsonNode mine = json.readTree(mvc.perform(get("/api/v1/chain/deposits/me")
                        .header("Authorization", TestTokens.bearer(OWNER.address())))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(mine.valueStream().map(node -> node.get("txHash").asString()))
                .contains(deposit.getTransactionHash());
        assertThat(mine.valueStream().map(node -> node.get("account").asString())).containsOnly(OWNER.address());
    }

    @Test
    void someoneElsesDepositIsNotFound() throws Exception {
        BigInteger amount = BigInteger.valueOf(42);
        token.mint(operator.credentials(), OWNER.address(), amount);
        token.approve(OWNER.credentials(), vault.address(), amount);
        TransactionReceipt deposit = vault.deposit(OWNER.credentials(), amount);
        String path = "/api/v1/chain/deposits/31337/" + deposit.getTransactionHash() + "/"
                + deposit.getLogs().getLast().getLogIndex();
        await().atMost(Duration.ofSeconds(20)).until(() -> read(path, OWNER).has("tier"));

        mvc.perform(get(path).header("Authorization", TestTokens.bearer(DevAccounts.PROVIDER_A.address())))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get(path.replace("/31337/", "/1/")).header("Authorization", TestTokens.bearer(OWNER.address())))
                .andExpect(status().isNotFound());
        mvc.perform(get(path)).andExpect(status().isUnauthorized());
    }

    @Test
    void aMalformedKeyIsA400NamingTheField() throws Exception {
        mvc.perform(get("/api/v1/chain/deposits/31337/0x1234/0")
                        .header("Authorization", TestTokens.bearer(OWNER.address())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("txHash"));
        mvc.perform(get("/api/v1/chain/deposits/31337/0x" + "ab".repeat(32) + "/-1")
                        .header("Authorization", TestTokens.bearer(OWNER.address())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("logIndex"));
        mvc.perform(get("/api/v1/chain/deposits/31337/0x" + "ab".repeat(32) + "/first")
                        .header("Authorization", TestTokens.bearer(OWNER.address())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("logIndex"));
    }

    @Test
    void theStatusShowsHeadSafeAndFinalBlocksAndTheLag() throws Exception {
        TestInfrastructure.shared().anvil().mine(3);
        long nodeHead = Long.decode(json.readTree(TestInfrastructure.shared().anvil().rpc("eth_blockNumber", "[]"))
                .get("result").asString());

        await().atMost(Duration.ofSeconds(20)).until(() -> statusNow().path("lastIndexed").asLong() >= nodeHead);
        JsonNode status = statusNow();
        long head = status.get("head").asLong();
        assertThat(head).isGreaterThanOrEqualTo(nodeHead);
        assertThat(status.get("chainId").asLong()).isEqualTo(31337);
        assertThat(status.get("safeBlock").asLong()).isEqualTo(head - 2);
        assertThat(status.get("finalBlock").asLong()).isEqualTo(head - 64);
        assertThat(status.get("lagBlocks").asLong()).isEqualTo(head - status.get("lastIndexed").asLong());
        assertThat(status.get("lagSeconds").asLong()).isNotNegative();

        String metrics = mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(metrics).contains("chain_indexer_lag_blocks").contains("chain_indexer_lag_seconds");
    }

    private JsonNode statusNow() throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/chain/status")
                        .header("Authorization", TestTokens.bearer(OWNER.address())))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    private JsonNode read(String path, DevAccounts caller) throws Exception {
        String body = mvc.perform(get(path).header("Authorization", TestTokens.bearer(caller.address())))
                .andReturn().getResponse().getContentAsString();
        return body.isEmpty() ? json.createObjectNode() : json.readTree(body);
    }
}
