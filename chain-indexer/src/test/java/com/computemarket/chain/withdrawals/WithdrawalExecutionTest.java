package com.computemarket.chain.withdrawals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.computemarket.chain.ChainIndexerIntegrationTest;
import com.computemarket.chain.contracts.EscrowVaultContract;
import com.computemarket.chain.contracts.OperatorKey;
import com.computemarket.chain.contracts.TestTokenContract;
import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.WithdrawalRequested;
import com.computemarket.testsupport.DevAccounts;
import com.computemarket.testsupport.TestInfrastructure;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
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

    private WithdrawalTraffic traffic;

    @BeforeEach
    void trafficOnTheSharedContext() {
        traffic = new WithdrawalTraffic(token, vault, operator, dataSource, jdbc, json);
    }

    @Test
    void aSignedWithdrawalIsPaidOnceAndReportedAfterItsConfirmations() {
        traffic.deposit(OWNER, AMOUNT);
        String recipient = freshAddress();
        WithdrawalRequested request = signedRequest(OWNER, recipient, AMOUNT, randomNonce(), inOneHour());

        traffic.publish(request);
        await().atMost(Duration.ofSeconds(20)).until(() -> "MINED".equals(traffic.statusOf(request.withdrawalId())));
        assertThat(token.balanceOf(recipient)).isEqualTo(AMOUNT);
        assertThat(vault.nonceUsed(OWNER.address(), request.nonce())).isTrue();
        assertThat(traffic.outboxCount("WithdrawalExecuted", request.withdrawalId()))
                .as("not yet confirmed").isZero();
        Log payout = vault.withdrawalLog(OWNER.address(), request.nonce(), 0).orElseThrow();
        assertThat(EscrowVaultContract.decodeWithdrawal(payout)).isEqualTo(new EscrowVaultContract.WithdrawalLog(
                OWNER.address(), recipient, request.nonce(), AMOUNT));

        TestInfrastructure.shared().anvil().mine(2);
        JsonNode executed = traffic.awaitPublished("WithdrawalExecuted", request.withdrawalId());
        assertThat(fieldNames(executed)).isEqualTo(fieldNames(json.readTree(
                EventExamples.json(EventType.WITHDRAWAL_EXECUTED))));
        assertThat(executed.get("account").asString()).isEqualTo(OWNER.address());
        assertThat(executed.get("to").asString()).isEqualTo(recipient);
        assertThat(executed.get("amount").asString()).isEqualTo(AMOUNT.toString());
        assertThat(executed.get("txHash").asString()).isEqualTo(payout.getTransactionHash());
        assertThat(executed.get("blockNumber").asLong()).isEqualTo(payout.getBlockNumber().longValueExact());

        traffic.publish(request); // redelivered under a new event id
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                jdbc.sql("select count(*) from chain_transaction where purpose = 'WITHDRAW' and subject = ?")
                        .param(request.withdrawalId().toString()).query(Long.class).single() == 1);
        assertThat(token.balanceOf(recipient)).isEqualTo(AMOUNT);
        assertThat(traffic.outboxCount("WithdrawalExecuted", request.withdrawalId())).isEqualTo(1);
    }

    @Test
    void aWithdrawalPastItsDeadlineFailsWithDeadlinePassed() {
        traffic.deposit(OWNER, AMOUNT);
        String recipient = freshAddress();
        WithdrawalRequested late = signedRequest(OWNER, recipient, AMOUNT, randomNonce(),
                Instant.now().getEpochSecond() - 60);

        assertFailure(late, "DEADLINE_PASSED");
        assertThat(token.balanceOf(recipient)).isZero();
    }

    @Test
    void aWithdrawalSignedByAnotherKeyFailsWithSignatureRejected() {
        traffic.deposit(OWNER, AMOUNT);
        String recipient = freshAddress();
        WithdrawalRequested signedByStranger = withSignatureOf(DevAccounts.PROVIDER_A,
                signedRequest(OWNER, recipient, AMOUNT, randomNonce(), inOneHour()));

        assertFailure(signedByStranger, "SIGNATURE_REJECTED");
        assertThat(token.balanceOf(recipient)).isZero();
    }

    @Test
    void aSecondWithdrawalWithAUsedNonceFailsWithNonceUsed() {
        traffic.deposit(OWNER, AMOUNT.multiply(BigInteger.TWO));
        BigInteger nonce = randomNonce();
        String recipient = freshAddress();
        WithdrawalRequested first = signedRequest(OWNER, recipient, AMOUNT, nonce, inOneHour());
        traffic.publish(first);
        await().atMost(Duration.ofSeconds(20)).until(() -> "MINED".equals(traffic.statusOf(first.withdrawalId())));

        WithdrawalRequested again = signedRequest(OWNER, recipient, AMOUNT, nonce, inOneHour() + 1);
        assertFailure(again, "NONCE_USED");
        assertThat(token.balanceOf(recipient)).isEqualTo(AMOUNT);
    }

    @Test
    void aWithdrawalWhileTheVaultIsPausedFailsWithVaultPaused() throws Exception {
        traffic.deposit(OWNER, AMOUNT);
        String recipient = freshAddress();
        WithdrawalRequested request = signedRequest(OWNER, recipient, AMOUNT, randomNonce(), inOneHour());
        traffic.asTheOnlyOperatorSender(() -> vault.pause(operator.credentials()));
        try {
            assertFailure(request, "VAULT_PAUSED");
        } finally {
            traffic.asTheOnlyOperatorSender(() -> vault.unpause(operator.credentials()));
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
        traffic.publish(request);
        JsonNode failed = traffic.awaitPublished("WithdrawalFailed", request.withdrawalId());
        assertThat(failed.get("reason").asString()).isEqualTo(reason);
        assertThat(fieldNames(failed)).isEqualTo(fieldNames(json.readTree(
                EventExamples.json(EventType.WITHDRAWAL_FAILED))));
        assertThat(failed.get("amount").asString()).isEqualTo(request.amount().toString());
        assertThat(traffic.statusOf(request.withdrawalId())).isEqualTo("FAILED");
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
