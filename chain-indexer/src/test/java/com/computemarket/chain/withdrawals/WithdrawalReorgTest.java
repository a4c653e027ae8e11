package com.computemarket.chain.withdrawals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.computemarket.chain.ChainIndexerIntegrationTest;
import com.computemarket.chain.contracts.EscrowVaultContract;
import com.computemarket.chain.contracts.OperatorKey;
import com.computemarket.chain.contracts.TestTokenContract;
import com.computemarket.chain.indexing.ChainFollower;
import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.WithdrawalRequested;
import com.computemarket.testsupport.AnvilNode;
import com.computemarket.testsupport.DevAccounts;
import com.computemarket.testsupport.TestInfrastructure;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Withdrawals whose transaction a reorg removes ({@code anvil_reorg(depth, [])} on the real Anvil; confirmation depth
 * 2): sent again with the same owner signature and paid once; a reported payout that left the chain is reported
 * reopened once (WithdrawalReopened 1) and its paid resend reported again, one not yet reported is reported once; a
 * resend the paused vault refuses, reported before or not, is sent again until it is paid, or reversed (reported) or
 * failed (not reported) once its signed deadline passed (see {@link VanishedWithdrawals}).
 */
@ChainIndexerIntegrationTest
class WithdrawalReorgTest {

    private static final AnvilNode ANVIL = TestInfrastructure.shared().anvil();
    private static final BigInteger AMOUNT = new BigInteger("2500000000000000000");
    private static final DevAccounts OWNER = DevAccounts.SECOND_CONSUMER;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    TestTokenContract token;
    @Autowired
    EscrowVaultContract vault;
    @Autowired
    OperatorKey operator;
    @Autowired
    ChainFollower follower;
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
    void anExecutedWithdrawalRemovedByADeepReorgIsReportedReopenedOnceAndItsPaidResendIsReportedAgain() {
        String recipient = freshAddress();
        WithdrawalRequested request = signedRequest(recipient, chainTime() + 3600);
        OnChain first = executedAndReported(request);
        assertThat(token.balanceOf(recipient)).isEqualTo(AMOUNT);

        long headBefore = head();
        long depth = headBefore - first.block() + 1;
        assertThat(depth).as("deeper than the confirmation depth").isGreaterThan(2);
        reorg(depth);

        // escrow counted it paid: it hears at once that the payout is gone
        JsonNode reopened = traffic.awaitPublished("WithdrawalReopened", request.withdrawalId());
        assertThat(fieldNames(reopened)).isEqualTo(fieldNames(json.readTree(
                EventExamples.json(EventType.WITHDRAWAL_REOPENED))));
        assertThat(reopened.get("reopening").asInt()).isEqualTo(1);
        assertThat(reopened.get("vanishedTxHash").asString()).isEqualTo(first.txHash());
        assertThat(reopened.get("account").asString()).isEqualTo(OWNER.address());
        assertThat(reopened.get("amount").asString()).isEqualTo(AMOUNT.toString());
        assertThat(traffic.published("WithdrawalReopened", request.withdrawalId()).getFirst().key())
                .as("keyed by the owner, like the other withdrawal answers").isEqualTo(OWNER.address());

        // mined again above the replaced blocks: the resend, or the first transaction if the node re-included it
        await().atMost(Duration.ofSeconds(30)).until(() -> "MINED".equals(traffic.statusOf(request.withdrawalId()))
                && blockOf(request.withdrawalId()) > headBefore);
        assertThat(traffic.outboxCount("WithdrawalExecuted", request.withdrawalId()))
                .as("not buried yet: nothing more").isEqualTo(1);
        ANVIL.mine(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> "EXECUTED".equals(traffic.statusOf(request.withdrawalId())));
        String paid = txHashOf(request.withdrawalId());
        long paidIn = blockOf(request.withdrawalId());
        assertThat(receiptOf(paid).get("blockNumber").asString()).isEqualTo("0x" + Long.toHexString(paidIn));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                traffic.published("WithdrawalExecuted", request.withdrawalId()).size() == 2);
        JsonNode again = json.readTree(traffic.published("WithdrawalExecuted", request.withdrawalId()).getLast()
                .value());
        assertThat(again.get("txHash").asString()).as("the transaction that paid this time").isEqualTo(paid);
        assertThat(again.get("blockNumber").asLong()).isEqualTo(paidIn).isGreaterThan(headBefore);
        follower.poll();
        awaitOutboxDrained();

        assertThat(token.balanceOf(recipient)).as("paid once on chain").isEqualTo(AMOUNT);
        assertThat(vault.nonceUsed(OWNER.address(), request.nonce())).isTrue();
        assertThat(traffic.outboxCount("WithdrawalReopened", request.withdrawalId())).isEqualTo(1);
        assertThat(traffic.published("WithdrawalReopened", request.withdrawalId())).hasSize(1);
        assertThat(traffic.outboxCount("WithdrawalExecuted", request.withdrawalId()))
                .as("the first payout and the resend's").isEqualTo(2);
        assertThat(traffic.outboxCount("WithdrawalReversed", request.withdrawalId())).isZero();
        assertThat(traffic.outboxCount("WithdrawalFailed", request.withdrawalId())).isZero();
        assertThat(jdbc.sql("select announced_tx_hash from withdrawal where withdrawal_id = ?")
                .param(request.withdrawalId()).query(String.class).single()).isEqualTo(paid);
        assertThat(jdbc.sql("select reopenings from withdrawal where withdrawal_id = ?")
                .param(request.withdrawalId()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anExecutedWithdrawalRemovedByADeepReorgWhoseResendIsRefusedWhilePausedIsPaidOnceAfterTheUnpause() {
        String recipient = freshAddress();
        WithdrawalRequested request = signedRequest(recipient, chainTime() + 3600);
        OnChain first = executedAndReported(request);
        long headBefore = head();

        // a pause ends: the owner's signature is still good and the old transaction may still be pending somewhere,
        // so escrow must not credit it back; the withdrawal waits and is sent again and again
        waitsWhilePausedThenIsMinedAgain(request, first, headBefore, "WithdrawalReversed");
        ANVIL.mine(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> "EXECUTED".equals(traffic.statusOf(request.withdrawalId())));
        follower.poll();
        awaitOutboxDrained();

        assertThat(token.balanceOf(recipient)).as("paid once on chain").isEqualTo(AMOUNT);
        assertThat(vault.nonceUsed(OWNER.address(), request.nonce())).isTrue();
        assertThat(traffic.outboxCount("WithdrawalReopened", request.withdrawalId())).isEqualTo(1);
        assertThat(traffic.outboxCount("WithdrawalExecuted", request.withdrawalId()))
                .as("the first payout and the resend's, once each").isEqualTo(2);
        assertThat(traffic.outboxCount("WithdrawalReversed", request.withdrawalId())).isZero();
        assertThat(traffic.published("WithdrawalReversed", request.withdrawalId())).isEmpty();
        assertThat(traffic.outboxCount("WithdrawalFailed", request.withdrawalId())).isZero();
    }

    @Test
    void anExecutedWithdrawalRemovedByADeepReorgAndRefusedWhilePausedIsReversedOnceItsDeadlinePassed() {
        // a short deadline: the chain's clock is moved past it below, and other tests sign with the wall clock + 1 h
        WithdrawalRequested request = signedRequest(freshAddress(), chainTime() + 300);
        OnChain first = executedAndReported(request);

        JsonNode reversed = refusedWhilePausedUntilItsDeadlinePassed(request, first, EventType.WITHDRAWAL_REVERSED,
                "REVERSED");
        assertThat(reversed.get("executedTxHash").asString()).isEqualTo(first.txHash());
        assertThat(traffic.outboxCount("WithdrawalExecuted", request.withdrawalId())).isEqualTo(1);
        assertThat(traffic.outboxCount("WithdrawalReopened", request.withdrawalId()))
                .as("reopened before it was reversed").isEqualTo(1);
        assertThat(traffic.outboxCount("WithdrawalFailed", request.withdrawalId())).isZero();
    }

    /**
     * Removes the withdrawal's transaction and pauses the vault; the refused resend waits (VAULT_PAUSED, still
     * REQUESTED, no {@code givenBackAs} event for 3 s); once the vault is unpaused it is mined again above
     * {@code headBefore}.
     */
    private void waitsWhilePausedThenIsMinedAgain(WithdrawalRequested request, OnChain removed, long headBefore,
            String givenBackAs) {
        removedAndPaused(removed);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> "VAULT_PAUSED".equals(failureOf(request.withdrawalId())));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                    "REQUESTED".equals(traffic.statusOf(request.withdrawalId()))
                            && traffic.outboxCount(givenBackAs, request.withdrawalId()) == 0);
        } finally {
            traffic.asTheOnlyOperatorSender(() -> vault.unpause(operator.credentials()));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> "MINED".equals(traffic.statusOf(request.withdrawalId()))
                && blockOf(request.withdrawalId()) > headBefore);
    }

    /**
     * Removes the withdrawal's transaction and pauses the vault; the refused resend waits (VAULT_PAUSED, nothing final
     * published) until the chain's clock passes the signed deadline, then exactly one {@code finalEvent}
     * (DEADLINE_PASSED) goes out, the withdrawal ends {@code finalStatus}, and the vault, unpaused, pays nothing.
     */
    private JsonNode refusedWhilePausedUntilItsDeadlinePassed(WithdrawalRequested request, OnChain removed,
            EventType finalEvent, String finalStatus) {
        String eventType = finalEvent.typeName();
        removedAndPaused(removed);
        JsonNode published;
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> "VAULT_PAUSED".equals(failureOf(request.withdrawalId())));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                    traffic.outboxCount(eventType, request.withdrawalId()) == 0);

            rpc("evm_increaseTime", "[600]");
            rpc("evm_mine", "[]");
            published = traffic.awaitPublished(eventType, request.withdrawalId());
            assertThat(fieldNames(published)).isEqualTo(fieldNames(json.readTree(EventExamples.json(finalEvent))));
            assertThat(published.get("reason").asString()).isEqualTo("DEADLINE_PASSED");
            assertThat(published.get("account").asString()).isEqualTo(OWNER.address());
            assertThat(published.get("amount").asString()).isEqualTo(AMOUNT.toString());
            assertThat(traffic.statusOf(request.withdrawalId())).isEqualTo(finalStatus);
        } finally {
            traffic.asTheOnlyOperatorSender(() -> vault.unpause(operator.credentials()));
        }

        ANVIL.mine(3);
        follower.poll();
        follower.poll();
        awaitOutboxDrained();
        assertThat(token.balanceOf(request.to())).as("the vault paid nothing").isZero();
        assertThat(vault.nonceUsed(OWNER.address(), request.nonce())).isFalse();
        assertThat(traffic.outboxCount(eventType, request.withdrawalId())).isEqualTo(1);
        assertThat(traffic.published(eventType, request.withdrawalId())).hasSize(1);
        return published;
    }

    /**
     * Removes the withdrawal's transaction with a reorg and pauses the vault before the sender can send it again;
     * the node may put the removed transaction back in its pool, where the pause would follow it: dropped first.
     */
    private void removedAndPaused(OnChain first) {
        traffic.asTheOnlyOperatorSender(() -> {
            reorg(head() - first.block() + 1);
            rpc("anvil_dropTransaction", "[\"" + first.txHash() + "\"]");
            return vault.pause(operator.credentials());
        });
    }

    @Test
    void aWithdrawalRemovedByAReorgShallowerThanTheConfirmationDepthIsSentAgainAndReportedOnceWhenBuried() {
        traffic.deposit(OWNER, AMOUNT);
        String recipient = freshAddress();
        WithdrawalRequested request = signedRequest(recipient, chainTime() + 3600);
        traffic.publish(request);
        await().atMost(Duration.ofSeconds(20)).until(() -> "MINED".equals(traffic.statusOf(request.withdrawalId())));
        long block = blockOf(request.withdrawalId());
        await().atMost(Duration.ofSeconds(20)).until(() -> indexedUpTo() >= block);
        long headBefore = head();
        long depth = headBefore - block + 1;
        assertThat(depth).as("shallower than the confirmation depth").isLessThan(2);
        assertThat(traffic.outboxCount("WithdrawalExecuted", request.withdrawalId())).isZero();

        reorg(depth);

        // mined again above the replaced block: the resend, or the first transaction if the node re-included it
        await().atMost(Duration.ofSeconds(30)).until(() -> "MINED".equals(traffic.statusOf(request.withdrawalId()))
                && blockOf(request.withdrawalId()) > headBefore);
        String resent = txHashOf(request.withdrawalId());
        assertThat(traffic.outboxCount("WithdrawalExecuted", request.withdrawalId()))
                .as("nothing reported yet").isZero();
        ANVIL.mine(2);
        JsonNode executed = traffic.awaitPublished("WithdrawalExecuted", request.withdrawalId());
        assertThat(executed.get("txHash").asString()).isEqualTo(resent);
        follower.poll();
        awaitOutboxDrained();
        assertThat(token.balanceOf(recipient)).isEqualTo(AMOUNT);
        assertThat(traffic.outboxCount("WithdrawalExecuted", request.withdrawalId())).isEqualTo(1);
        assertThat(traffic.outboxCount("WithdrawalReopened", request.withdrawalId()))
                .as("escrow held it pending all along").isZero();
        assertThat(traffic.published("WithdrawalReopened", request.withdrawalId())).isEmpty();
        assertThat(traffic.outboxCount("WithdrawalReversed", request.withdrawalId())).isZero();
        assertThat(traffic.outboxCount("WithdrawalFailed", request.withdrawalId())).isZero();
    }

    @Test
    void anUnreportedWithdrawalRemovedByAReorgWhoseResendIsRefusedWhilePausedWaitsAndIsReportedOnceWhenPaid() {
        String recipient = freshAddress();
        WithdrawalRequested request = signedRequest(recipient, chainTime() + 3600);
        OnChain first = minedNotReported(request);
        long headBefore = head();

        // its transaction was broadcast and may still be pending somewhere: a pause must not make escrow credit the
        // money back (the old transaction could pay after the unpause); it waits and is sent again
        waitsWhilePausedThenIsMinedAgain(request, first, headBefore, "WithdrawalFailed");
        String paid = txHashOf(request.withdrawalId());
        ANVIL.mine(2);
        JsonNode executed = traffic.awaitPublished("WithdrawalExecuted", request.withdrawalId());
        assertThat(executed.get("txHash").asString()).isEqualTo(paid);
        follower.poll();
        awaitOutboxDrained();

        assertThat(token.balanceOf(recipient)).as("paid once on chain").isEqualTo(AMOUNT);
        assertThat(vault.nonceUsed(OWNER.address(), request.nonce())).isTrue();
        assertThat(traffic.outboxCount("WithdrawalExecuted", request.withdrawalId())).isEqualTo(1);
        assertThat(traffic.outboxCount("WithdrawalFailed", request.withdrawalId())).isZero();
        assertThat(traffic.published("WithdrawalFailed", request.withdrawalId())).isEmpty();
        assertThat(traffic.outboxCount("WithdrawalReversed", request.withdrawalId())).isZero();
        assertThat(traffic.outboxCount("WithdrawalReopened", request.withdrawalId())).isZero();
        assertThat(failureOf(request.withdrawalId())).as("paid after all").isNull();
    }

    @Test
    void anUnreportedWithdrawalRemovedByAReorgAndRefusedWhilePausedFailsOnlyOnceItsDeadlinePassed() {
        // a short deadline: the chain's clock is moved past it below, and other tests sign with the wall clock + 1 h
        WithdrawalRequested request = signedRequest(freshAddress(), chainTime() + 300);
        OnChain first = minedNotReported(request);

        refusedWhilePausedUntilItsDeadlinePassed(request, first, EventType.WITHDRAWAL_FAILED, "FAILED");
        assertThat(traffic.outboxCount("WithdrawalExecuted", request.withdrawalId())).isZero();
        assertThat(traffic.outboxCount("WithdrawalReopened", request.withdrawalId())).isZero();
        assertThat(traffic.outboxCount("WithdrawalReversed", request.withdrawalId())).isZero();
    }

    @Test
    void aWithdrawalWhoseFirstTransactionWentOutButWasNeverMinedWaitsWhileThePausedVaultRefusesItsResend() {
        String recipient = freshAddress();
        WithdrawalRequested request = signedRequest(recipient, chainTime() + 3600);
        traffic.deposit(OWNER, AMOUNT);
        List<String> broadcast;
        rpc("evm_setAutomine", "[false]");
        try {
            traffic.publish(request);
            await().atMost(Duration.ofSeconds(20)).until(() -> !attemptsOf(request.withdrawalId()).isEmpty()
                    && !rpc("eth_getTransactionByHash", "[\"" + attemptsOf(request.withdrawalId()).getFirst() + "\"]")
                            .isNull());
            // the node forgets it and the operator nonce goes to the pause: the sender sends the withdrawal again
            broadcast = traffic.asTheOnlyOperatorSenderReturning(() -> {
                List<String> sent = attemptsOf(request.withdrawalId());
                sent.forEach(txHash -> rpc("anvil_dropTransaction", "[\"" + txHash + "\"]"));
                rpc("evm_setAutomine", "[true]");
                vault.pause(operator.credentials());
                return sent;
            });
        } finally {
            rpc("evm_setAutomine", "[true]");
        }
        try {
            // it was broadcast, so some node may still hold it (and mine it after an unpause, had its nonce been free):
            // the refusal of the resend must not make escrow credit the money back
            await().atMost(Duration.ofSeconds(30)).until(() -> "VAULT_PAUSED".equals(failureOf(request.withdrawalId())));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                    "REQUESTED".equals(traffic.statusOf(request.withdrawalId()))
                            && traffic.outboxCount("WithdrawalFailed", request.withdrawalId()) == 0);
        } finally {
            traffic.asTheOnlyOperatorSender(() -> vault.unpause(operator.credentials()));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> "MINED".equals(traffic.statusOf(request.withdrawalId())));
        String paid = txHashOf(request.withdrawalId());
        assertThat(paid).as("a resend, not the forgotten first transaction").isNotIn(broadcast);
        ANVIL.mine(2);
        JsonNode executed = traffic.awaitPublished("WithdrawalExecuted", request.withdrawalId());
        assertThat(executed.get("txHash").asString()).isEqualTo(paid);
        awaitOutboxDrained();
        assertThat(token.balanceOf(recipient)).as("paid once on chain").isEqualTo(AMOUNT);
        assertThat(traffic.outboxCount("WithdrawalExecuted", request.withdrawalId())).isEqualTo(1);
        assertThat(traffic.outboxCount("WithdrawalFailed", request.withdrawalId())).isZero();
        assertThat(traffic.published("WithdrawalFailed", request.withdrawalId())).isEmpty();
    }

    private List<String> attemptsOf(UUID withdrawalId) {
        return jdbc.sql("""
                select a.tx_hash from chain_transaction_attempt a join chain_transaction t on t.id = a.transaction_id
                where t.purpose = 'WITHDRAW' and t.subject = ? order by a.signed_at
                """).param(withdrawalId.toString()).query(String.class).list();
    }

    /** Deposits, publishes the request and waits until it is mined and indexed, shallower than the confirmation depth. */
    private OnChain minedNotReported(WithdrawalRequested request) {
        traffic.deposit(OWNER, AMOUNT);
        traffic.publish(request);
        await().atMost(Duration.ofSeconds(20)).until(() -> "MINED".equals(traffic.statusOf(request.withdrawalId())));
        OnChain mined = new OnChain(txHashOf(request.withdrawalId()), blockOf(request.withdrawalId()));
        await().atMost(Duration.ofSeconds(20)).until(() -> indexedUpTo() >= mined.block());
        assertThat(head() - mined.block() + 1).as("shallower than the confirmation depth").isLessThan(2);
        assertThat(traffic.outboxCount("WithdrawalExecuted", request.withdrawalId())).isZero();
        return mined;
    }

    /** Deposits, publishes the request and waits until WithdrawalExecuted is out and the indexer saw its blocks. */
    private OnChain executedAndReported(WithdrawalRequested request) {
        traffic.deposit(OWNER, AMOUNT);
        traffic.publish(request);
        await().atMost(Duration.ofSeconds(20)).until(() -> "MINED".equals(traffic.statusOf(request.withdrawalId())));
        OnChain mined = new OnChain(txHashOf(request.withdrawalId()), blockOf(request.withdrawalId()));
        ANVIL.mine(2);
        JsonNode executed = traffic.awaitPublished("WithdrawalExecuted", request.withdrawalId());
        assertThat(executed.get("txHash").asString()).isEqualTo(mined.txHash());
        await().atMost(Duration.ofSeconds(20)).until(() -> indexedUpTo() >= mined.block() + 2);
        return mined;
    }

    private record OnChain(String txHash, long block) {
    }

    private WithdrawalRequested signedRequest(String to, long deadline) {
        WithdrawalRequested request = new WithdrawalRequested(UUID.randomUUID(), 31337, vault.address(),
                OWNER.address(), to, AMOUNT, new BigInteger(64, RANDOM), deadline, "0x", Instant.now());
        return WithdrawalSignatures.signedBy(OWNER, request, vault.address());
    }

    private void reorg(long depth) {
        JsonNode answer = json.readTree(ANVIL.rpc("anvil_reorg", "[" + depth + ", []]"));
        assertThat(answer.has("error")).as("anvil_reorg answered %s", answer).isFalse();
    }

    private JsonNode rpc(String method, String params) {
        JsonNode answer = json.readTree(ANVIL.rpc(method, params));
        assertThat(answer.has("error")).as("%s answered %s", method, answer).isFalse();
        return answer.get("result");
    }

    private long head() {
        return Long.decode(rpc("eth_blockNumber", "[]").asString());
    }

    private long chainTime() {
        return Long.decode(rpc("eth_getBlockByNumber", "[\"latest\", false]").get("timestamp").asString());
    }

    private JsonNode receiptOf(String txHash) {
        return rpc("eth_getTransactionReceipt", "[\"" + txHash + "\"]");
    }

    private long indexedUpTo() {
        return jdbc.sql("select last_indexed from chain_index").query(Long.class).optional().orElse(-1L);
    }

    private void awaitOutboxDrained() {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
                .sql("select count(*) from outbox_event where published_at is null").query(Long.class).single() == 0);
    }

    private String failureOf(UUID withdrawalId) {
        return jdbc.sql("select failure_reason from withdrawal where withdrawal_id = ?").param(withdrawalId)
                .query(String.class).optional().orElse(null);
    }

    private String txHashOf(UUID withdrawalId) {
        return jdbc.sql("select tx_hash from withdrawal where withdrawal_id = ?").param(withdrawalId)
                .query(String.class).optional().orElse(null);
    }

    private long blockOf(UUID withdrawalId) {
        return jdbc.sql("select block_number from withdrawal where withdrawal_id = ?").param(withdrawalId)
                .query(Long.class).single();
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
