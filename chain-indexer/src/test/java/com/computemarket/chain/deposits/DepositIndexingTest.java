package com.computemarket.chain.deposits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.computemarket.chain.ChainIndexerIntegrationTest;
import com.computemarket.chain.contracts.DeployedContracts;
import com.computemarket.chain.contracts.EscrowVaultContract;
import com.computemarket.chain.contracts.OperatorKey;
import com.computemarket.chain.contracts.TestTokenContract;
import com.computemarket.chain.indexing.ChainFollower;
import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.Topics;
import com.computemarket.testsupport.DevAccounts;
import com.computemarket.testsupport.KafkaTestEvents;
import com.computemarket.testsupport.TestInfrastructure;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ChainIndexerIntegrationTest
class DepositIndexingTest {

    private static final BigInteger AMOUNT = new BigInteger("5000000000000000000000");

    @Autowired
    TestTokenContract token;
    @Autowired
    EscrowVaultContract vault;
    @Autowired
    OperatorKey operator;
    @Autowired
    DeployedContracts contracts;
    @Autowired
    ChainFollower poller;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void aDepositIsConfirmedOnceAfterTwoConfirmationsAndPublishedExactlyOnce() {
        DevAccounts consumer = DevAccounts.CONSUMER;
        token.mint(operator.credentials(), consumer.address(), AMOUNT);
        token.approve(consumer.credentials(), vault.address(), AMOUNT);
        TransactionReceipt deposit = vault.deposit(consumer.credentials(), AMOUNT);
        String txHash = deposit.getTransactionHash();

        poller.poll();
        assertThat(outboxRowsOf(txHash)).as("not yet buried under 2 blocks").isZero();

        TestInfrastructure.shared().anvil().mine(2);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(publishedOf(txHash)).hasSize(1));
        ConsumerRecord<String, String> record = publishedOf(txHash).getFirst();
        assertThat(record.key()).isEqualTo(consumer.address());
        assertThat(header(record, "ce_type")).isEqualTo("DepositConfirmed");
        JsonNode payload = json.readTree(record.value());
        assertThat(fieldNames(payload)).isEqualTo(fieldNames(json.readTree(EventExamples.json(EventType.DEPOSIT_CONFIRMED))));
        assertThat(payload.get("chainId").asLong()).isEqualTo(31337);
        assertThat(payload.get("logIndex").asLong()).isEqualTo(deposit.getLogs().getLast().getLogIndex().longValueExact());
        assertThat(payload.get("blockNumber").asLong()).isEqualTo(deposit.getBlockNumber().longValueExact());
        assertThat(payload.get("account").asString()).isEqualTo(consumer.address());
        assertThat(payload.get("token").asString()).isEqualTo(contracts.token());
        assertThat(payload.get("amount").isString()).isTrue();
        assertThat(payload.get("amount").asString()).isEqualTo(AMOUNT.toString());
        assertThat(token.balanceOf(vault.address())).isGreaterThanOrEqualTo(AMOUNT);
    }

    @Test
    void reReadingBlocksAlreadyProcessedConfirmsNothingTwice() {
        DevAccounts depositor = DevAccounts.SECOND_CONSUMER;
        BigInteger amount = BigInteger.valueOf(123_456_789);
        token.mint(operator.credentials(), depositor.address(), amount);
        token.approve(depositor.credentials(), vault.address(), amount);
        TransactionReceipt deposit = vault.deposit(depositor.credentials(), amount);
        TestInfrastructure.shared().anvil().mine(2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(publishedOf(deposit.getTransactionHash()))
                .hasSize(1));

        jdbc.sql("update chain_index set last_indexed = ?")
                .param(deposit.getBlockNumber().longValueExact() - 1)
                .update();
        int confirmed = poller.poll();

        assertThat(confirmed).isZero();
        assertThat(outboxRowsOf(deposit.getTransactionHash())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
                .sql("select count(*) from outbox_event where published_at is null").query(Long.class).single() == 0);
        assertThat(publishedOf(deposit.getTransactionHash())).hasSize(1);
        assertThat(jdbc.sql("select last_indexed from chain_index").query(Long.class).single())
                .isGreaterThanOrEqualTo(deposit.getBlockNumber().longValueExact());
    }

    @Test
    void depositsConfirmedInOneStepEachGetOneDepositConfirmedInChainOrder() {
        DevAccounts depositor = DevAccounts.SECOND_CONSUMER;
        BigInteger amount = BigInteger.valueOf(777);
        token.mint(operator.credentials(), depositor.address(), amount.multiply(BigInteger.valueOf(3)));
        token.approve(depositor.credentials(), vault.address(), amount.multiply(BigInteger.valueOf(3)));
        List<String> txHashes = List.of(vault.deposit(depositor.credentials(), amount).getTransactionHash(),
                vault.deposit(depositor.credentials(), amount).getTransactionHash(),
                vault.deposit(depositor.credentials(), amount).getTransactionHash());
        TestInfrastructure.shared().anvil().mine(2);

        poller.poll();

        List<String> payloads = jdbc.sql("select payload from outbox_event where event_type = 'DepositConfirmed' "
                        + "and payload like ? order by sequence")
                .param("%\"amount\":\"777\"%")
                .query(String.class)
                .list();
        assertThat(payloads).extracting(payload -> json.readTree(payload).get("txHash").asString())
                .containsExactlyElementsOf(txHashes);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(txHashes)
                .allSatisfy(txHash -> assertThat(publishedOf(txHash)).hasSize(1)));
    }

    private long outboxRowsOf(String txHash) {
        return jdbc.sql("select count(*) from outbox_event where event_type = 'DepositConfirmed' and payload like ?")
                .param("%" + txHash + "%")
                .query(Long.class)
                .single();
    }

    private List<ConsumerRecord<String, String>> publishedOf(String txHash) {
        return KafkaTestEvents.readAll(Topics.CHAIN_DEPOSITS).stream()
                .filter(record -> record.value().contains(txHash))
                .toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static Set<String> fieldNames(JsonNode node) {
        return new HashSet<>(node.propertyNames());
    }
}
