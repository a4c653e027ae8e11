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
import com.computemarket.testsupport.AnvilNode;
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

/**
 * Reorganisations on a real Anvil ({@code anvil_reorg(depth, [[tx, blockOffset]...])} replaces the last
 * {@code depth} blocks with as many new ones, holding only the given transactions). The confirmation depth is 2.
 */
@ChainIndexerIntegrationTest
class DepositReorgTest {

    private static final AnvilNode ANVIL = TestInfrastructure.shared().anvil();

    @Autowired
    TestTokenContract token;
    @Autowired
    EscrowVaultContract vault;
    @Autowired
    OperatorKey operator;
    @Autowired
    DeployedContracts contracts;
    @Autowired
    ChainFollower follower;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void aConfirmedDepositRemovedByAReorgDeeperThanTheConfirmationDepthIsReversedExactlyOnce() {
        TransactionReceipt deposit = deposit(DevAccounts.PROVIDER_A, BigInteger.valueOf(777_000_001));
        String txHash = deposit.getTransactionHash();
        long block = deposit.getBlockNumber().longValueExact();
        ANVIL.mine(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> published(txHash, "DepositConfirmed").size() == 1);

        reorg(headNumber() - block + 1, "[]");

        await().atMost(Duration.ofSeconds(20)).until(() -> published(txHash, "DepositReversed").size() == 1);
        follower.poll();
        follower.poll();
        awaitOutboxDrained();
        assertThat(published(txHash, "DepositReversed")).hasSize(1);
        assertThat(outboxRows(txHash, "DepositReversed")).isEqualTo(1);
        assertThat(published(txHash, "DepositConfirmed")).hasSize(1);

        ConsumerRecord<String, String> reversal = published(txHash, "DepositReversed").getFirst();
        JsonNode payload = json.readTree(reversal.value());
        assertThat(reversal.key()).isEqualTo(DevAccounts.PROVIDER_A.address());
        assertThat(fieldNames(payload))
                .isEqualTo(fieldNames(json.readTree(EventExamples.json(EventType.DEPOSIT_REVERSED))));
        assertThat(payload.get("txHash").asString()).isEqualTo(txHash);
        assertThat(payload.get("logIndex").asLong()).isEqualTo(depositLogIndex(deposit));
        assertThat(payload.get("blockNumber").asLong()).isEqualTo(block);
        assertThat(payload.get("orphanedBlockHash").asString()).isEqualTo(deposit.getBlockHash());
        assertThat(payload.get("amount").asString()).isEqualTo("777000001");
        assertThat(payload.get("token").asString()).isEqualTo(contracts.token());
        assertThat(statusOf(txHash)).isEqualTo("REVERSED");
    }

    @Test
    void aReversedDepositWhoseLogComesBackIsConfirmedAgainWithTheNextGeneration() {
        TransactionReceipt deposit = deposit(DevAccounts.PROVIDER_B, BigInteger.valueOf(777_000_005));
        String txHash = deposit.getTransactionHash();
        long block = deposit.getBlockNumber().longValueExact();
        String raw = rawTransaction(txHash);
        ANVIL.mine(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> published(txHash, "DepositConfirmed").size() == 1);
        reorg(headNumber() - block + 1, "[]");
        await().atMost(Duration.ofSeconds(20)).until(() -> published(txHash, "DepositReversed").size() == 1);

        // the same signed transaction is mined again: same tx hash, same log index
        ANVIL.rpc("eth_sendRawTransaction", "[\"" + raw + "\"]");
        ANVIL.mine(3);

        await().atMost(Duration.ofSeconds(20)).until(() -> published(txHash, "DepositConfirmed").size() == 2);
        follower.poll();
        awaitOutboxDrained();
        List<JsonNode> confirmations = published(txHash, "DepositConfirmed").stream()
                .map(record -> json.readTree(record.value())).toList();
        assertThat(confirmations).extracting(node -> node.get("generation").asInt()).containsExactly(0, 1);
        assertThat(confirmations).extracting(node -> node.get("logIndex").asLong())
                .containsOnly(depositLogIndex(deposit));
        assertThat(json.readTree(published(txHash, "DepositReversed").getFirst().value()).get("generation").asInt())
                .as("the reversal names the confirmation it takes back").isZero();
        assertThat(outboxRows(txHash, "DepositReversed")).isEqualTo(1);
        assertThat(statusOf(txHash)).isEqualTo("ON_CHAIN");
    }

    @Test
    void aConfirmedDepositThatAReorgMovesToAnotherBlockIsKeptAndNotReversed() {
        TransactionReceipt deposit = deposit(DevAccounts.PROVIDER_B, BigInteger.valueOf(777_000_002));
        String txHash = deposit.getTransactionHash();
        long block = deposit.getBlockNumber().longValueExact();
        String raw = rawTransaction(txHash);
        ANVIL.mine(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> published(txHash, "DepositConfirmed").size() == 1);

        reorg(headNumber() - block + 1, "[[\"" + raw + "\", 1]]");

        await().atMost(Duration.ofSeconds(20)).until(() -> blockOf(txHash) == block + 1);
        follower.poll();
        awaitOutboxDrained();
        assertThat(statusOf(txHash)).isEqualTo("ON_CHAIN");
        assertThat(outboxRows(txHash, "DepositReversed")).isZero();
        assertThat(outboxRows(txHash, "DepositConfirmed")).isEqualTo(1);
        assertThat(published(txHash, "DepositReversed")).isEmpty();
    }

    @Test
    void aShallowReorgThatReincludesASeenDepositEmitsNothingAndTheDepositIsConfirmedOnce() {
        TransactionReceipt deposit = deposit(DevAccounts.PROVIDER_C, BigInteger.valueOf(777_000_003));
        String txHash = deposit.getTransactionHash();
        String raw = rawTransaction(txHash);
        await().atMost(Duration.ofSeconds(20)).until(() -> blockHashOf(txHash).equals(deposit.getBlockHash()));

        reorg(1, "[[\"" + raw + "\", 0]]");

        await().atMost(Duration.ofSeconds(20)).until(() -> !blockHashOf(txHash).equals(deposit.getBlockHash()));
        assertThat(outboxRows(txHash, "DepositConfirmed")).as("still only seen").isZero();
        ANVIL.mine(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> published(txHash, "DepositConfirmed").size() == 1);
        follower.poll();
        awaitOutboxDrained();
        assertThat(published(txHash, "DepositConfirmed")).hasSize(1);
        assertThat(json.readTree(published(txHash, "DepositConfirmed").getFirst().value()).get("blockNumber").asLong())
                .isEqualTo(deposit.getBlockNumber().longValueExact());
        assertThat(outboxRows(txHash, "DepositReversed")).isZero();
    }

    @Test
    void aShallowReorgThatDropsASeenDepositForgetsItWithoutAnyEvent() {
        TransactionReceipt deposit = deposit(DevAccounts.SECOND_CONSUMER, BigInteger.valueOf(777_000_004));
        String txHash = deposit.getTransactionHash();
        await().atMost(Duration.ofSeconds(20)).until(() -> rowsOf(txHash) == 1);

        reorg(1, "[]");

        await().atMost(Duration.ofSeconds(20)).until(() -> rowsOf(txHash) == 0);
        ANVIL.mine(3);
        follower.poll();
        awaitOutboxDrained();
        assertThat(outboxRows(txHash, "DepositConfirmed")).isZero();
        assertThat(outboxRows(txHash, "DepositReversed")).isZero();
    }

    private TransactionReceipt deposit(DevAccounts depositor, BigInteger amount) {
        token.mint(operator.credentials(), depositor.address(), amount);
        token.approve(depositor.credentials(), vault.address(), amount);
        return vault.deposit(depositor.credentials(), amount);
    }

    private static long depositLogIndex(TransactionReceipt deposit) {
        return deposit.getLogs().getLast().getLogIndex().longValueExact();
    }

    private long headNumber() {
        return Long.decode(result(ANVIL.rpc("eth_blockNumber", "[]")).asString());
    }

    private String rawTransaction(String txHash) {
        return result(ANVIL.rpc("eth_getRawTransactionByHash", "[\"" + txHash + "\"]")).asString();
    }

    private void reorg(long depth, String transactions) {
        JsonNode answer = json.readTree(ANVIL.rpc("anvil_reorg", "[" + depth + ", " + transactions + "]"));
        assertThat(answer.has("error")).as("anvil_reorg answered %s", answer).isFalse();
    }

    private JsonNode result(String answer) {
        return json.readTree(answer).get("result");
    }

    private void awaitOutboxDrained() {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
                .sql("select count(*) from outbox_event where published_at is null").query(Long.class).single() == 0);
    }

    private long outboxRows(String txHash, String type) {
        return jdbc.sql("select count(*) from outbox_event where event_type = ? and payload like ?")
                .params(type, "%" + txHash + "%")
                .query(Long.class)
                .single();
    }

    private long rowsOf(String txHash) {
        return jdbc.sql("select count(*) from indexed_deposit where tx_hash = ?").param(txHash).query(Long.class)
                .single();
    }

    private String statusOf(String txHash) {
        return jdbc.sql("select status from indexed_deposit where tx_hash = ?").param(txHash).query(String.class)
                .single();
    }

    private long blockOf(String txHash) {
        return jdbc.sql("select block_number from indexed_deposit where tx_hash = ?").param(txHash)
                .query(Long.class).optional().orElse(-1L);
    }

    private String blockHashOf(String txHash) {
        return jdbc.sql("select block_hash from indexed_deposit where tx_hash = ?").param(txHash)
                .query(String.class).optional().orElse("");
    }

    private List<ConsumerRecord<String, String>> published(String txHash, String type) {
        return KafkaTestEvents.readAll(Topics.CHAIN_DEPOSITS).stream()
                .filter(record -> record.value().contains(txHash))
                .filter(record -> type.equals(new String(record.headers().lastHeader("ce_type").value(),
                        StandardCharsets.UTF_8)))
                .toList();
    }

    private static Set<String> fieldNames(JsonNode node) {
        return new HashSet<>(node.propertyNames());
    }
}
