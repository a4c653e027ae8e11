package com.computemarket.chain.settlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.computemarket.chain.ChainIndexerApplication;
import com.computemarket.chain.contracts.ChainClient;
import com.computemarket.chain.contracts.DeployedContracts;
import com.computemarket.chain.contracts.SettlementAnchorContract;
import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.SettlementRecorded;
import com.computemarket.testsupport.AnvilNode;
import com.computemarket.testsupport.DevAccounts;
import com.computemarket.testsupport.PostgresServer;
import com.computemarket.testsupport.TestInfrastructure;
import java.math.BigInteger;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.generated.Uint256;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real restarts of the service around the transaction journal: the chain-indexer application is started as a Spring
 * context of its own ({@link SpringApplicationBuilder}, no web server, Kafka listeners off: settlements go straight
 * into the batcher, as the inbox would put them), is crashed at a chosen point, and a new instance is started on the
 * same database and chain. Each test has its own Anvil node and its own database on the JVM's PostgreSQL server, so
 * nothing else sends with the operator key there (the shared test context's sender works on another database and
 * node) and nonces can be counted exactly.
 * <p>
 * The crash: the first instance reaches PostgreSQL through a {@link TcpRelay} and the node through an
 * {@link RpcRelay}; cutting both resets its database sessions (PostgreSQL rolls back what was open and releases the
 * sender's advisory lock, which the instance usually holds mid-round) and leaves it no way to reach the chain, as
 * when its process is killed. Nothing of a graceful shutdown reaches the database or the node; closing the context
 * afterwards only frees this JVM's threads.
 */
class SenderRestartTest {

    private static final DevAccounts OPERATOR = DevAccounts.DEPLOYER;
    private static final String EXAMPLE_ID = "c3a0e7b2-51f4-4d0e-9e2a-8b7c6d5e4f30";

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final JsonMapper json = JsonMapper.builder().build();
    private final PostgresServer postgres = TestInfrastructure.shared().postgres();
    private AnvilNode anvil;
    private String database;
    private JdbcClient jdbc;

    @BeforeEach
    void ownChain() {
        anvil = AnvilNode.start(0, null);
        toClose.add(anvil);
    }

    /** A new, empty database for this test on the JVM's PostgreSQL server (left over from an earlier run: dropped). */
    private void freshDatabase(String name) throws SQLException {
        database = name;
        try (Connection maintenance = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                postgres.password()); Statement statement = maintenance.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        }
        postgres.createDatabaseIfMissing(database);
        jdbc = JdbcClient.create(new DriverManagerDataSource(postgres.jdbcUrl(database), postgres.username(),
                postgres.password()));
    }

    @AfterEach
    void closeInstancesAndChain() throws Exception {
        for (AutoCloseable resource : toClose.reversed()) {
            resource.close();
        }
    }

    @Test
    void aRestartBetweenJournalAndSendSendsEveryJournaledAnchorOnceWithContinuousNonces() throws SQLException {
        freshDatabase("chain_restart_before_send");
        TcpRelay databaseLink = closedAfterTest(new TcpRelay(databaseHost(), databasePort()));
        RpcRelay chainLink = closedAfterTest(new RpcRelay(anvil.rpcUrl()));
        ConfigurableApplicationContext first = start(relayedJdbcUrl(databaseLink), chainLink.url());
        long nonceBefore = operatorNonce("latest");

        // The node never receives a transaction from this instance: the first batch's anchor is signed and journaled
        // (the broadcast does not arrive), the later batches stay journaled intents behind it.
        chainLink.refuse("eth_sendRawTransaction");
        long firstBatch = awaitBatchOf(acceptSettlement(first));
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUBMITTED".equals(intentStatus(firstBatch)));
        long secondBatch = awaitBatchOf(acceptSettlement(first));
        long thirdBatch = awaitBatchOf(acceptSettlement(first));
        crash(first, databaseLink, chainLink);

        String journaledHash = attemptHashes(firstBatch).getFirst();
        assertThat(attemptHashes(firstBatch)).containsExactly(journaledHash);
        assertThat(intentStatus(secondBatch)).isEqualTo("QUEUED");
        assertThat(intentStatus(thirdBatch)).isEqualTo("QUEUED");
        assertThat(nodeKnows(journaledHash)).isFalse();
        assertThat(operatorNonce("pending")).isEqualTo(nonceBefore);

        ConfigurableApplicationContext second = start(postgres.jdbcUrl(database), anvil.rpcUrl());
        List<Long> batches = List.of(firstBatch, secondBatch, thirdBatch);
        await().atMost(Duration.ofSeconds(30)).until(() -> batches.stream().allMatch(this::anchored));

        assertThat(minedTxHash(firstBatch)).as("the version journaled before the crash, same bytes")
                .isEqualTo(journaledHash);
        assertThat(batchIds()).isEqualTo(LongStream.rangeClosed(1, 3).boxed().toList());
        long previousBlock = 0;
        for (int i = 0; i < batches.size(); i++) {
            long batchId = batches.get(i);
            assertThat(attemptHashes(batchId)).as("signed versions of batch %s", batchId).hasSize(1);
            assertThat(minedNonce(batchId)).as("nonce of batch %s", batchId).isEqualTo(nonceBefore + i);
            long block = assertAnchoredOnceOnChain(second, batchId);
            assertThat(block).as("batch %s anchored after the one before", batchId).isGreaterThanOrEqualTo(previousBlock);
            previousBlock = block;
        }
        assertThat(operatorNonce("latest")).isEqualTo(nonceBefore + batches.size());
    }

    @Test
    void aRestartBetweenSendAndReceiptSettlesByTheJournaledHashAndNeverAnchorsTwice() throws SQLException {
        freshDatabase("chain_restart_before_receipt");
        TcpRelay databaseLink = closedAfterTest(new TcpRelay(databaseHost(), databasePort()));
        RpcRelay chainLink = closedAfterTest(new RpcRelay(anvil.rpcUrl()));
        ConfigurableApplicationContext first = start(relayedJdbcUrl(databaseLink), chainLink.url());
        long nonceBefore = operatorNonce("latest");

        anvil.rpc("evm_setAutomine", "[false]");
        long firstBatch = awaitBatchOf(acceptSettlement(first));
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUBMITTED".equals(intentStatus(firstBatch))
                && nodeKnows(attemptHashes(firstBatch).getFirst()));
        crash(first, databaseLink, chainLink);
        String sentHash = attemptHashes(firstBatch).getFirst();
        assertThat(receiptExists(sentHash)).isFalse();

        ConfigurableApplicationContext second = start(postgres.jdbcUrl(database), anvil.rpcUrl());
        // the version waits in the node's pool and is not stuck yet: the new instance signs and sends nothing
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> attemptHashes(firstBatch).size() == 1 && "SUBMITTED".equals(intentStatus(firstBatch))
                        && operatorNonce("pending") == nonceBefore + 1);
        anvil.rpc("evm_mine", "[]");
        anvil.rpc("evm_setAutomine", "[true]");

        await().atMost(Duration.ofSeconds(20)).until(() -> anchored(firstBatch));
        assertThat(minedTxHash(firstBatch)).isEqualTo(sentHash);
        assertThat(attemptHashes(firstBatch)).containsExactly(sentHash);
        long firstBlock = assertAnchoredOnceOnChain(second, firstBatch);
        assertThat(operatorNonce("latest")).isEqualTo(nonceBefore + 1);

        long nextBatch = awaitBatchOf(acceptSettlement(second));
        await().atMost(Duration.ofSeconds(20)).until(() -> anchored(nextBatch));
        assertThat(batchIds()).containsExactly(firstBatch, nextBatch).containsExactly(1L, 2L);
        assertThat(minedNonce(nextBatch)).isEqualTo(nonceBefore + 1);
        assertThat(assertAnchoredOnceOnChain(second, nextBatch)).isGreaterThan(firstBlock);
        assertThat(assertAnchoredOnceOnChain(second, firstBatch)).isEqualTo(firstBlock);
    }

    private <T extends AutoCloseable> T closedAfterTest(T resource) {
        toClose.add(resource);
        return resource;
    }

    /**
     * One instance of the service (its own Spring context, no web server) on this test's database and node. Command
     * line arguments, because they outrank application.yml (builder default properties would not).
     */
    private ConfigurableApplicationContext start(String jdbcUrl, String rpcUrl) {
        ConfigurableApplicationContext instance = new SpringApplicationBuilder(ChainIndexerApplication.class)
                .main(ChainIndexerApplication.class)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .run("--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=" + postgres.username(),
                        "--spring.datasource.password=" + postgres.password(),
                        "--spring.datasource.hikari.connection-timeout=2000",
                        "--spring.kafka.bootstrap-servers=" + TestInfrastructure.shared().kafka().bootstrapServers(),
                        // same consumer group as the shared test context: listening would take its partitions
                        "--spring.kafka.listener.auto-startup=false",
                        "--chain.rpc-url=" + rpcUrl,
                        "--chain.operator-private-key=" + OPERATOR.privateKey(),
                        "--chain.poll-interval=100ms",
                        "--chain.batch.max-age=200ms",
                        "--chain.batch.check-interval=100ms",
                        "--chain.transactions.poll-interval=100ms",
                        // long enough that no version is replaced during a test: a re-send must be the same bytes
                        "--chain.transactions.stuck-after=10m");
        toClose.add(instance);
        return instance;
    }

    /**
     * Cuts the instance off from PostgreSQL and the node at once, as its death would, and waits until PostgreSQL has
     * ended its sessions (and with them its open transactions and advisory locks); then frees its threads.
     */
    private void crash(ConfigurableApplicationContext instance, TcpRelay databaseLink, RpcRelay chainLink) {
        databaseLink.cut();
        chainLink.cut();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
                """).query(Long.class).single() == 0);
        instance.close();
    }

    private UUID acceptSettlement(ConfigurableApplicationContext instance) {
        UUID settlementId = UUID.randomUUID();
        SettlementRecorded settlement = instance.getBean(JsonMapper.class).readValue(
                EventExamples.json(EventType.SETTLEMENT_RECORDED).replace(EXAMPLE_ID, settlementId.toString()),
                SettlementRecorded.class);
        SettlementBatching batching = instance.getBean(SettlementBatching.class);
        instance.getBean(TransactionTemplate.class).executeWithoutResult(status -> batching.accept(settlement));
        return settlementId;
    }

    private long awaitBatchOf(UUID settlementId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> jdbc
                .sql("select batch_id from settlement_item where settlement_id = ?").param(settlementId)
                .query(Long.class).optional(), Optional::isPresent).orElseThrow();
    }

    /** The BatchAnchored logs of the batch on chain: exactly one, with the batch's root; returns its block. */
    private long assertAnchoredOnceOnChain(ConfigurableApplicationContext instance, long batchId) {
        ChainClient chain = instance.getBean(ChainClient.class);
        SettlementAnchorContract anchor = instance.getBean(SettlementAnchorContract.class);
        String batchTopic = "0x" + TypeEncoder.encode(new Uint256(BigInteger.valueOf(batchId)));
        var logs = chain.logs(anchor.address(), SettlementAnchorContract.BATCH_ANCHORED_TOPIC, Optional.of(batchTopic),
                instance.getBean(DeployedContracts.class).deploymentBlock(), chain.headBlock());
        assertThat(logs).as("BatchAnchored logs of batch %s", batchId).hasSize(1);
        assertThat(logs.getFirst().getTransactionHash()).isEqualTo(minedTxHash(batchId));
        assertThat(Hex.of(anchor.rootOf(batchId))).isEqualTo(jdbc.sql("select root from settlement_batch where id = ?")
                .param(batchId).query(String.class).single());
        return logs.getFirst().getBlockNumber().longValueExact();
    }

    private boolean anchored(long batchId) {
        return "MINED".equals(intentStatus(batchId)) && "ANCHORED".equals(jdbc
                .sql("select status from settlement_batch where id = ?").param(batchId).query(String.class).single());
    }

    private List<Long> batchIds() {
        return jdbc.sql("select id from settlement_batch order by id").query(Long.class).list();
    }

    private String intentStatus(long batchId) {
        return jdbc.sql("select status from chain_transaction where purpose = 'ANCHOR' and subject = ?")
                .param(Long.toString(batchId)).query(String.class).optional().orElse("NONE");
    }

    private List<String> attemptHashes(long batchId) {
        return jdbc.sql("""
                select a.tx_hash from chain_transaction_attempt a join chain_transaction t on t.id = a.transaction_id
                where t.purpose = 'ANCHOR' and t.subject = ? order by a.signed_at
                """).param(Long.toString(batchId)).query(String.class).list();
    }

    private String minedTxHash(long batchId) {
        return jdbc.sql("select mined_tx_hash from chain_transaction where purpose = 'ANCHOR' and subject = ?")
                .param(Long.toString(batchId)).query(String.class).single();
    }

    private long minedNonce(long batchId) {
        return jdbc.sql("""
                select a.nonce from chain_transaction_attempt a join chain_transaction t on t.id = a.transaction_id
                where t.purpose = 'ANCHOR' and t.subject = ? and a.tx_hash = t.mined_tx_hash
                """).param(Long.toString(batchId)).query(Long.class).single();
    }

    private long operatorNonce(String blockTag) {
        String count = rpcResult("eth_getTransactionCount",
                "[\"" + OPERATOR.address() + "\",\"" + blockTag + "\"]").asString();
        return Long.decode(count);
    }

    private boolean nodeKnows(String txHash) {
        return !rpcResult("eth_getTransactionByHash", "[\"" + txHash + "\"]").isNull();
    }

    private boolean receiptExists(String txHash) {
        return !rpcResult("eth_getTransactionReceipt", "[\"" + txHash + "\"]").isNull();
    }

    private JsonNode rpcResult(String method, String params) {
        JsonNode answer = json.readTree(anvil.rpc(method, params));
        assertThat(answer.has("error")).as("%s answered %s", method, answer).isFalse();
        return answer.path("result");
    }

    private String databaseHost() {
        return URI.create(postgres.jdbcUrl(database).substring("jdbc:".length())).getHost();
    }

    private int databasePort() {
        return URI.create(postgres.jdbcUrl(database).substring("jdbc:".length())).getPort();
    }

    private String relayedJdbcUrl(TcpRelay databaseLink) {
        return "jdbc:postgresql://127.0.0.1:" + databaseLink.port() + "/" + database;
    }
}
