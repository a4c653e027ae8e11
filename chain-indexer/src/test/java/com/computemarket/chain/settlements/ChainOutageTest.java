package com.computemarket.chain.settlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.computemarket.chain.contracts.ChainClient;
import com.computemarket.chain.contracts.DeployedContracts;
import com.computemarket.chain.contracts.EscrowVaultContract;
import com.computemarket.chain.contracts.OperatorKey;
import com.computemarket.chain.contracts.SettlementAnchorContract;
import com.computemarket.chain.contracts.TestTokenContract;
import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.SettlementRecorded;
import com.computemarket.testsupport.AnvilNode;
import com.computemarket.testsupport.DevAccounts;
import com.computemarket.testsupport.RealInfrastructure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.generated.Uint256;
import tools.jackson.databind.json.JsonMapper;

/**
 * An RPC outage: the node stops while settlement batches wait to be anchored and deposits wait to be indexed, and
 * comes back with the same chain. This test stops its node, so it runs its own Anvil and, pointed at it, its own
 * Spring context and database (a second context beside the shared one; closed after the class). Kafka listeners are
 * off in it: settlements go straight into the batcher, as the inbox would put them.
 */
@SpringBootTest(properties = {
        "spring.application.name=chain-indexer-outage",
        "spring.kafka.listener.auto-startup=false",
        "chain.poll-interval=100ms",
        "chain.batch.max-age=200ms",
        "chain.batch.check-interval=100ms",
        "chain.transactions.poll-interval=100ms"
})
@AutoConfigureMockMvc
@Import(RealInfrastructure.class)
@ContextConfiguration(initializers = ChainOutageTest.OutageAnvil.class)
@DirtiesContext
class ChainOutageTest {

    private static final String EXAMPLE_ID = "c3a0e7b2-51f4-4d0e-9e2a-8b7c6d5e4f30";
    private static final BigInteger DEPOSIT = new BigInteger("1000000000000000000");

    @Autowired
    SettlementBatching batching;
    @Autowired
    SettlementAnchorContract anchor;
    @Autowired
    TestTokenContract token;
    @Autowired
    EscrowVaultContract vault;
    @Autowired
    OperatorKey operator;
    @Autowired
    DeployedContracts contracts;
    @Autowired
    ChainClient chain;
    @Autowired
    CircuitBreakerRegistry circuitBreakers;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    MockMvc mvc;

    @AfterAll
    static void stopNode() {
        OutageAnvil.node.close();
    }

    @Test
    void anOutageLosesAndDoublesNothingAndIsReportedWhileItLasts() throws Exception {
        AnvilNode node = OutageAnvil.node;
        List<String> depositTxs = new ArrayList<>();
        for (DevAccounts depositor : List.of(DevAccounts.CONSUMER, DevAccounts.SECOND_CONSUMER)) {
            token.mint(operator.credentials(), depositor.address(), DEPOSIT);
            token.approve(depositor.credentials(), vault.address(), DEPOSIT);
            depositTxs.add(vault.deposit(depositor.credentials(), DEPOSIT).getTransactionHash());
        }
        for (int i = 0; i < 5; i++) {
            acceptSettlement();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> anchoredBatches() >= 1);

        node.stop();
        for (int i = 0; i < 10; i++) {
            acceptSettlement();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(circuitBreakers.circuitBreaker("chainRpc").getState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(healthOfCircuitBreakers()).isEqualTo("DOWN");
        });
        assertThat(count("select count(*) from settlement_batch where status = 'CLOSED'")).isPositive();

        node.restart();
        node.mine(2); // buries the deposits under the configured two confirmations
        await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from settlement_item") == 15
                && count("select count(*) from settlement_item where batch_id is null") == 0
                && count("select count(*) from settlement_batch where status = 'CLOSED'") == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from indexed_deposit") == 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(circuitBreakers.circuitBreaker("chainRpc").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(healthOfCircuitBreakers()).isEqualTo("UP");
        });

        List<Long> batchIds = jdbc.sql("select id from settlement_batch order by id").query(Long.class).list();
        assertThat(batchIds).isEqualTo(java.util.stream.LongStream.rangeClosed(1, batchIds.size()).boxed().toList());
        long previousBlock = 0;
        long head = chain.headBlock();
        for (long batchId : batchIds) {
            String topic = "0x" + TypeEncoder.encode(new Uint256(BigInteger.valueOf(batchId)));
            var anchored = chain.logs(anchor.address(), SettlementAnchorContract.BATCH_ANCHORED_TOPIC,
                    Optional.of(topic), contracts.deploymentBlock(), head);
            assertThat(anchored).as("BatchAnchored logs of batch %s", batchId).hasSize(1);
            long block = anchored.getFirst().getBlockNumber().longValueExact();
            assertThat(block).as("batch %s anchored after the one before", batchId).isGreaterThanOrEqualTo(previousBlock);
            previousBlock = block;
            String root = jdbc.sql("select root from settlement_batch where id = ?").param(batchId)
                    .query(String.class).single();
            assertThat(Hex.of(anchor.rootOf(batchId))).isEqualTo(root);
            assertThat(count("select count(*) from chain_transaction where purpose = 'ANCHOR' and subject = '"
                    + batchId + "' and status = 'MINED'")).isEqualTo(1);
        }
        assertThat(jdbc.sql("select tx_hash from indexed_deposit order by block_number").query(String.class).list())
                .containsExactlyInAnyOrderElementsOf(depositTxs);
        assertThat(count("select count(*) from outbox_event where event_type = 'DepositConfirmed'")).isEqualTo(2);
    }

    private void acceptSettlement() {
        String payload = EventExamples.json(EventType.SETTLEMENT_RECORDED)
                .replace(EXAMPLE_ID, UUID.randomUUID().toString());
        SettlementRecorded settlement = json.readValue(payload, SettlementRecorded.class);
        transactions.executeWithoutResult(status -> batching.accept(settlement));
    }

    private long anchoredBatches() {
        return count("select count(*) from settlement_batch where status = 'ANCHORED'");
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String healthOfCircuitBreakers() throws Exception {
        String body = mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString();
        return json.readTree(body).path("components").path("circuitBreakers").path("status").asString();
    }

    /** Starts this test's own Anvil, keeping its chain in a state file across stop and restart. */
    static class OutageAnvil implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        static AnvilNode node;

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                Path directory = Files.createTempDirectory("anvil-outage");
                node = AnvilNode.startWithState(directory.resolve("state.json"), directory.resolve("anvil.log"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("outage-anvil",
                    Map.of("chain.rpc-url", node.rpcUrl())));
        }
    }
}
