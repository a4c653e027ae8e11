package com.computemarket.chain.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.computemarket.chain.ChainIndexerIntegrationTest;
import com.computemarket.chain.contracts.ChainClient;
import com.computemarket.chain.contracts.OperatorKey;
import com.computemarket.chain.contracts.SettlementAnchorContract;
import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.testsupport.AnvilNode;
import com.computemarket.testsupport.KafkaTestEvents;
import com.computemarket.testsupport.TestInfrastructure;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The journal and its sender on the real Anvil, with the anchoring of settlement batches as the owner. Where a test
 * holds the sender's advisory lock, it plays another instance that has the sender's turn. Real restarts of the
 * service (journal written but nothing sent, sent but no receipt yet) are in
 * {@code com.computemarket.chain.settlements.SenderRestartTest}.
 */
@ChainIndexerIntegrationTest
class TransactionSendingTest {

    private static final String EXAMPLE_ID = "c3a0e7b2-51f4-4d0e-9e2a-8b7c6d5e4f30";

    @Autowired
    TransactionJournal journal;
    @Autowired
    ChainClient chain;
    @Autowired
    OperatorKey operator;
    @Autowired
    SettlementAnchorContract anchor;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    private final AnvilNode anvil = TestInfrastructure.shared().anvil();

    @AfterEach
    void automineAgain() {
        anvil.rpc("evm_setAutomine", "[true]");
    }

    @Test
    void whileAnotherInstanceHasTheSendersTurnThisOneSendsNothingAndSendsOnceTheTurnIsFree() throws Exception {
        long nonceBefore;
        long batchId;
        try (Connection otherSender = dataSource.getConnection(); Statement statement = otherSender.createStatement()) {
            statement.execute("select pg_advisory_lock(" + TransactionSender.SENDER_LOCK_KEY + ")");
            nonceBefore = chain.nonce(operator.address(), true);
            batchId = awaitBatchOf(publishSettlement());

            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> anchorIntent(batchId).status() == TransactionStatus.QUEUED);
            assertThat(chain.nonce(operator.address(), true)).isEqualTo(nonceBefore);
            assertThat(anchor.rootOf(batchId)).isEqualTo(new byte[32]);
            statement.execute("select pg_advisory_unlock(" + TransactionSender.SENDER_LOCK_KEY + ")");
        }

        JournaledTransaction mined = awaitMined(batchId);
        assertThat(mined.txHashes()).containsExactly(mined.minedTxHash());
        assertThat(anchoredTxHash(batchId)).isEqualTo(mined.minedTxHash());
        assertThat(anchor.rootOf(batchId)).isNotEqualTo(new byte[32]);
    }

    @Test
    void aStuckTransactionIsReplacedWithHigherFeesAndTheReplacementSettlesIt() {
        anvil.rpc("evm_setAutomine", "[false]");
        long batchId = awaitBatchOf(publishSettlement());
        await().atMost(Duration.ofSeconds(20)).until(() -> anchorIntent(batchId).txHashes().size() >= 2);
        anvil.rpc("evm_mine", "[]");
        anvil.rpc("evm_setAutomine", "[true]");

        JournaledTransaction mined = awaitMined(batchId);
        List<String> hashes = mined.txHashes();
        assertThat(mined.minedTxHash()).isIn(hashes).isNotEqualTo(hashes.getFirst());
        assertThat(chain.receipt(hashes.getFirst())).isEmpty();
        assertThat(anchoredTxHash(batchId)).isEqualTo(mined.minedTxHash());
        List<BigInteger[]> fees = jdbc.sql("""
                select a.max_fee_per_gas, a.max_priority_fee_per_gas, a.nonce from chain_transaction_attempt a
                join chain_transaction t on t.id = a.transaction_id
                where t.purpose = 'ANCHOR' and t.subject = ? order by a.signed_at
                """).param(Long.toString(batchId))
                .query((rs, row) -> new BigInteger[] {rs.getBigDecimal(1).toBigIntegerExact(),
                        rs.getBigDecimal(2).toBigIntegerExact(), BigInteger.valueOf(rs.getLong(3))})
                .list();
        for (int i = 1; i < fees.size(); i++) {
            BigInteger[] earlier = fees.get(i - 1);
            BigInteger[] later = fees.get(i);
            assertThat(later[2]).as("same nonce").isEqualTo(earlier[2]);
            assertThat(later[0].multiply(BigInteger.valueOf(100)))
                    .isGreaterThanOrEqualTo(earlier[0].multiply(BigInteger.valueOf(110)));
            assertThat(later[1].multiply(BigInteger.valueOf(100)))
                    .isGreaterThanOrEqualTo(earlier[1].multiply(BigInteger.valueOf(110)));
        }
    }

    @Test
    void aDroppedAnchorReopensItsBatchAtOnceAndTheBatchEndsAnchoredOnce() {
        long batchId = awaitBatchOf(publishSettlement());
        JournaledTransaction mined = awaitMined(batchId);

        assertThat(journal.markDropped(mined.minedTxHash())).isTrue();
        // here the chain still has the anchor (no real reorg): sending again is refused, the existing one adopted
        await().atMost(Duration.ofSeconds(20)).until(() -> mined.minedTxHash().equals(anchoredTxHash(batchId)));
        assertThat(anchorIntent(batchId).status()).isIn(TransactionStatus.REJECTED, TransactionStatus.REVERTED);
        assertThat(journal.markDropped(mined.minedTxHash())).as("a rejected intent has nothing on chain").isFalse();
        assertThat(journal.markDropped("0x" + "ab".repeat(32))).isFalse();
    }

    @Test
    void dropMovesTheBatchBackToClosedInTheSameTransaction() throws Exception {
        long batchId = awaitBatchOf(publishSettlement());
        String minedHash = awaitMined(batchId).minedTxHash();
        try (Connection closer = dataSource.getConnection(); Statement statement = closer.createStatement()) {
            // keep the sender away so the state right after the drop can be seen
            statement.execute("select pg_advisory_lock(" + TransactionSender.SENDER_LOCK_KEY + ")");
            assertThat(journal.markDropped(minedHash)).isTrue();
            assertThat(anchorIntent(batchId).status()).isEqualTo(TransactionStatus.QUEUED);
            assertThat(anchorIntent(batchId).txHashes()).contains(minedHash);
            assertThat(batchStatus(batchId)).isEqualTo("CLOSED");
            assertThat(anchoredTxHash(batchId)).isNull();
            statement.execute("select pg_advisory_unlock(" + TransactionSender.SENDER_LOCK_KEY + ")");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "ANCHORED".equals(batchStatus(batchId)));
    }

    private UUID publishSettlement() {
        UUID settlementId = UUID.randomUUID();
        String payload = EventExamples.json(EventType.SETTLEMENT_RECORDED).replace(EXAMPLE_ID, settlementId.toString());
        KafkaTestEvents.publish(EventType.SETTLEMENT_RECORDED, settlementId.toString(), payload, UUID.randomUUID());
        return settlementId;
    }

    private long awaitBatchOf(UUID settlementId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select batch_id from settlement_item where settlement_id = ?").param(settlementId)
                .query(Long.class).optional().isPresent());
        return jdbc.sql("select batch_id from settlement_item where settlement_id = ?").param(settlementId)
                .query(Long.class).single();
    }

    private JournaledTransaction anchorIntent(long batchId) {
        return journal.find(Purpose.ANCHOR, Long.toString(batchId)).orElseThrow();
    }

    private JournaledTransaction awaitMined(long batchId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> anchorIntent(batchId).status() == TransactionStatus.MINED
                && "ANCHORED".equals(batchStatus(batchId)));
        return anchorIntent(batchId);
    }

    private String batchStatus(long batchId) {
        return jdbc.sql("select status from settlement_batch where id = ?").param(batchId).query(String.class).single();
    }

    private String anchoredTxHash(long batchId) {
        return jdbc.sql("select anchor_tx_hash from settlement_batch where id = ?").param(batchId)
                .query(String.class).list().getFirst();
    }
}
