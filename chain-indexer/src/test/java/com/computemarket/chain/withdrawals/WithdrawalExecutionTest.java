package com.computemarket.chain.withdrawals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.computemarket.chain.ChainIndexerIntegrationTest;
import com.computemarket.chain.contracts.EscrowVaultContract;
import com.computemarket.chain.contracts.OperatorKey;
import com.computemarket.chain.contracts.TestTokenContract;
import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.Topics;
import com.computemarket.events.WithdrawalRequested;
import com.computemarket.testsupport.DevAccounts;
import com.computemarket.testsupport.KafkaTestEvents;
import com.computemarket.testsupport.TestInfrastructure;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Signed withdrawals from Kafka to the vault on the real Anvil and back to Kafka as Executed / Failed. */
@ChainIndexerIntegrationTest
class WithdrawalExecutionTest {

    private static final BigInteger AMOUNT = new BigInteger("3000000000000000000");
    private static final DevAccounts OWNER = DevAccounts.CONSUMER;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** TransactionSender's advisory lock: held while a test sends with the operator key itself, so nonces never clash. */
    private static final long SENDER_LOCK_KEY = 0x73656e646572L;

    @Autowired
    TestTokenContract token;
    @Autowired
    EscrowVaultContract vault;
    @Autowired
    OperatorKey operator;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    JsonMapper json;

    @Test
    void aSignedWithdrawalIsPaidOnceAndReportedAfterItsConfirmations() {
        depositForOwner(AMOUNT);
        String recipient = freshAddress();
        WithdrawalRequested request = signedRequest(OWNER, recipient, AMOUNT, randomNonce(), inOneHour());

        publish(request);
        await().atMost(Duration.ofSeconds(20)).until(() -> "MINED".equals(statusOf(request.withdrawalId())));
        assertThat(token.balanceOf(recipient)).isEqualTo(AMOUNT);
        assertThat(vault.nonceUsed(OWNER.address(), request.nonce())).isTrue();
        assertThat(outboxCount("WithdrawalExecuted", request.withdrawalId())).as("not yet confirmed").isZero();
        Log payout = vault.withdrawalLog(OWNER.address(), request.nonce(), 0).orElseThrow();
        assertThat(EscrowVaultContract.decodeWithdrawal(payout)).isEqualTo(new EscrowVaultContract.WithdrawalLog(
                OWNER.address(), recipient, request.nonce(), AMOUNT));

        TestInfrastructure.shared().anvil().mine(2);
        JsonNode executed = awaitPublished("WithdrawalExecuted", request.withdrawalId());
        assertThat(fieldNames(executed)).isEqualTo(fieldNames(json.readTree(
                EventExamples.json(EventType.WITHDRAWAL_EXECUTED))));
        assertThat(executed.get("account").asString()).isEqualTo(OWNER.address());
        assertThat(executed.get("to").asString()).isEqualTo(recipient);
        assertThat(executed.get("amount").asString()).isEqualTo(AMOUNT.toString());
        assertThat(executed.get("txHash").asString()).isEqualTo(payout.getTransactionHash());
        assertThat(executed.get("blockNumber").asLong()).isEqualTo(payout.getBlockNumber().longValueExact());

        publish(request); // redelivered under a new event id
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                jdbc.sql("select count(*) from chain_transaction where purpose = 'WITHDRAW' and subject = ?")
                        .param(request.withdrawalId().toString()).query(Long.class).single() == 1);
        assertThat(token.balanceOf(recipient)).isEqualTo(AMOUNT);
        assertThat(outboxCount("WithdrawalExecuted", request.withdrawalId())).isEqualTo(1);
    }

    @Test
    void aWithdrawalPastItsDeadlineFailsWithDeadlinePassed() {
        depositForOwner(AMOUNT);
        String recipient = freshAddress();
        WithdrawalRequested late = signedRequest(OWNER, recipient, AMOUNT, randomNonce(),
                Instant.now().getEpochSecond() - 60);

        assertFailure(late, "DEADLINE_PASSED");
        assertThat(token.balanceOf(recipient)).isZero();
    }

    @Test
    void aWithdrawalSignedByAnotherKeyFailsWithSignatureRejected() {
        depositForOwner(AMOUNT);
        String recipient = freshAddress();
        WithdrawalRequested signedByStranger = withSignatureOf(DevAccounts.PROVIDER_A,
                signedRequest(OWNER, recipient, AMOUNT, randomNonce(), inOneHour()));

        assertFailure(signedByStranger, "SIGNATURE_REJECTED");
        assertThat(token.balanceOf(recipient)).isZero();
    }

    @Test
    void aSecondWithdrawalWithAUsedNonceFailsWithNonceUsed() {
        depositForOwner(AMOUNT.multiply(BigInteger.TWO));
        BigInteger nonce = randomNonce();
        String recipient = freshAddress();
        WithdrawalRequested first = signedRequest(OWNER, recipient, AMOUNT, nonce, inOneHour());
        publish(first);
        await().atMost(Duration.ofSeconds(20)).until(() -> "MINED".equals(statusOf(first.withdrawalId())));

        WithdrawalRequested again = signedRequest(OWNER, recipient, AMOUNT, nonce, inOneHour() + 1);
        assertFailure(again, "NONCE_USED");
        assertThat(token.balanceOf(recipient)).isEqualTo(AMOUNT);
    }

    @Test
    void aWithdrawalWhileTheVaultIsPausedFailsWithVaultPaused() throws Exception {
        depositForOwner(AMOUNT);
        String recipient = freshAddress();
        WithdrawalRequested request = signedRequest(OWNER, recipient, AMOUNT, randomNonce(), inOneHour());
        asTheOnlyOperatorSender(() -> vault.pause(operator.credentials()));
        try {
            assertFailure(request, "VAULT_PAUSED");
        } finally {
            asTheOnlyOperatorSender(() -> vault.unpause(operator.credentials()));
        }
        assertThat(token.balanceOf(recipient)).isZero();
    }

    @Test
    void aWithdrawalSignedForAnotherVaultFailsAtOnceAndSendsNothing() {
        WithdrawalRequested elsewhere = signedRequest(OWNER, freshAddress(), AMOUNT, randomNonce(), inOneHour());
        WithdrawalRequested otherVault = new WithdrawalRequested(elsewhere.withdrawalId(), elsewhere.chainId(),
                freshAddress(), elsewhere.account(), elsewhere.to(), elsewhere.amount(), elsewhere.nonce(),
                elsewhere.deadline(), elsewhere.signature(), elsewhere.requestedAt());

        assertFailure(otherVault, "SIGNATURE_REJECTED");
        assertThat(jdbc.sql("select count(*) from chain_transaction where subject = ?")
                .param(otherVault.withdrawalId().toString()).query(Long.class).single()).isZero();
    }

    private void assertFailure(WithdrawalRequested request, String reason) {
        publish(request);
        JsonNode failed = awaitPublished("WithdrawalFailed", request.withdrawalId());
        assertThat(failed.get("reason").asString()).isEqualTo(reason);
        assertThat(fieldNames(failed)).isEqualTo(fieldNames(json.readTree(
                EventExamples.json(EventType.WITHDRAWAL_FAILED))));
        assertThat(failed.get("amount").asString()).isEqualTo(request.amount().toString());
        assertThat(statusOf(request.withdrawalId())).isEqualTo("FAILED");
    }

    private WithdrawalRequested signedRequest(DevAccounts owner, String to, BigInteger amount, BigInteger nonce,
            long deadline) {
        WithdrawalRequested unsigned = new WithdrawalRequested(UUID.randomUUID(), 31337, vault.address(),
                owner.address(), to, amount, nonce, deadline, "0x", Instant.now());
        return withSignatureOf(owner, unsigned);
    }

    /** The EIP-712 signature exactly as WithdrawalRequested's javadoc describes it, made by {@code signer}. */
    private WithdrawalRequested withSignatureOf(DevAccounts signer, WithdrawalRequested request) {
        return WithdrawalSignatures.signedBy(signer, request, vault.address());
    }

    private void depositForOwner(BigInteger amount) {
        asTheOnlyOperatorSender(() -> token.mint(operator.credentials(), OWNER.address(), amount));
        token.approve(OWNER.credentials(), vault.address(), amount);
        vault.deposit(OWNER.credentials(), amount);
    }

    private void asTheOnlyOperatorSender(Supplier<?> send) {
        try (Connection otherSender = dataSource.getConnection(); Statement statement = otherSender.createStatement()) {
            statement.execute("select pg_advisory_lock(" + SENDER_LOCK_KEY + ")");
            try {
                send.get();
            } finally {
                statement.execute("select pg_advisory_unlock(" + SENDER_LOCK_KEY + ")");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(WithdrawalRequested request) {
        KafkaTestEvents.publish(EventType.WITHDRAWAL_REQUESTED, request.account(), json.writeValueAsString(request),
                UUID.randomUUID());
    }

    private JsonNode awaitPublished(String type, UUID withdrawalId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> publishedOf(type, withdrawalId).size() == 1);
        return json.readTree(publishedOf(type, withdrawalId).getFirst().value());
    }

    private List<ConsumerRecord<String, String>> publishedOf(String type, UUID withdrawalId) {
        return KafkaTestEvents.readAll(Topics.CHAIN_WITHDRAWALS).stream()
                .filter(record -> type.equals(KafkaTestEvents.TopicReader.header(record, "ce_type")))
                .filter(record -> record.value().contains(withdrawalId.toString()))
                .toList();
    }

    private long outboxCount(String type, UUID withdrawalId) {
        return jdbc.sql("select count(*) from outbox_event where event_type = ? and payload::text like ?")
                .params(type, "%" + withdrawalId + "%").query(Long.class).single();
    }

    private String statusOf(UUID withdrawalId) {
        return jdbc.sql("select status from withdrawal where withdrawal_id = ?").param(withdrawalId)
                .query(String.class).optional().orElse(null);
    }

    private static BigInteger randomNonce() {
        return new BigInteger(64, RANDOM);
    }

    private static long inOneHour() {
        return Instant.now().plusSeconds(3600).getEpochSecond();
    }

    private static String freshAddress() {
        byte[] address = new byte[20];
        RANDOM.nextBytes(address);
        return Keys.toChecksumAddress(Numeric.toHexString(address));
    }

    private static Set<String> fieldNames(JsonNode node) {
        return new HashSet<>(node.propertyNames());
    }
}
