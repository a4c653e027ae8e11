package com.computemarket.escrow.withdrawals.web;

import static com.computemarket.escrow.withdrawals.web.ChainWithdrawalAnswers.awaitHandled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.escrow.ChainProperties;
import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.MarketEventTraffic;
import com.computemarket.escrow.TestChain;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.accounts.application.DepositService;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.application.LedgerInvariants;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.reconciliation.VaultReconciliation;
import com.computemarket.escrow.withdrawals.WithdrawalSigner;
import com.computemarket.events.DepositConfirmed;
import com.computemarket.events.EventType;
import com.computemarket.events.Topics;
import com.computemarket.testsupport.TestTokens;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reported withdrawal whose payout a deep reorg removed while chain-indexer sends it again, answered through the
 * real broker as chain-indexer answers: WithdrawalReopened puts the amount back to PENDING_WITHDRAWAL (the vault holds
 * it again), so the ledger's vault mirror matches the vault's balance on the real Anvil at every settled point; the
 * resend's WithdrawalExecuted (a second cycle, its own key) or a WithdrawalReversed ends it, each moving money once
 * however often it is delivered; a reopening out of turn or of a withdrawal not executed is dead-lettered and moves
 * nothing.
 */
@EscrowIntegrationTest
class WithdrawalReopeningFlowTest {

    private static final BigInteger DEPOSITED = BigInteger.valueOf(1000);
    private static final BigInteger WITHDRAWN = BigInteger.valueOf(400);
    private static final String DEAD_LETTERS = Topics.CHAIN_WITHDRAWALS + ".DLT";
    private static MarketEventTraffic traffic;

    @Autowired
    MockMvc mvc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DepositService deposits;
    @Autowired
    Ledger ledger;
    @Autowired
    LedgerInvariants invariants;
    @Autowired
    VaultReconciliation reconciliation;
    @Autowired
    ChainProperties chain;
    @Autowired
    JdbcClient jdbc;

    private final WithdrawalSigner signer = new WithdrawalSigner();
    private final ECKeyPair key = freshKey();
    private final String owner = WithdrawalSigner.addressOf(key);
    private final String recipient = TestParties.newAddress();
    private final ChainWithdrawalAnswers answers = new ChainWithdrawalAnswers(owner, recipient, WITHDRAWN);

    @BeforeAll
    static void connect() {
        traffic = new MarketEventTraffic(DEAD_LETTERS);
    }

    @AfterAll
    static void disconnect() {
        traffic.close();
    }

    @Test
    void aPayoutReopenedByAReorgAndPaidAgainIsDebitedOnceAndTheVaultMirrorMatchesTheVaultAtEverySettledPoint()
            throws Exception {
        vaultLevelWithTheLedger();
        BigInteger mirrorBefore = depositedOnChainAndCredited();
        String withdrawalId = requestWithdrawal();
        assertReconciled("requested: the money is still in the vault");

        String firstTx = TestParties.newTxHash();
        TestChain.transfer(chain.vault(), recipient, WITHDRAWN);
        ObjectNode firstPayout = answers.executed(withdrawalId, firstTx);
        UUID firstPayoutId = traffic.publish(EventType.WITHDRAWAL_EXECUTED, owner, firstPayout);
        await().atMost(Duration.ofSeconds(30)).until(() -> pending().signum() == 0);
        assertReconciled("paid out");

        // a reorg deeper than the confirmation depth removes the payout: the vault holds the amount again
        TestChain.mint(chain.vault(), WITHDRAWN);
        ObjectNode reopening = answers.reopened(withdrawalId, firstTx, 1);
        UUID reopeningId = traffic.publish(EventType.WITHDRAWAL_REOPENED, owner, reopening);
        await().atMost(Duration.ofSeconds(30)).until(() -> pending().equals(WITHDRAWN));
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).as("the vault holds it again").isEqualTo(mirrorBefore);
        assertReconciled("reopened while the resend is outstanding");
        // a redelivery and a re-emission of the reopening, and a redelivery of the first payout, move nothing
        traffic.publish(EventType.WITHDRAWAL_REOPENED, owner, reopening, reopeningId);
        traffic.publish(EventType.WITHDRAWAL_EXECUTED, owner, firstPayout, firstPayoutId);
        awaitHandled(jdbc, traffic.publish(EventType.WITHDRAWAL_REOPENED, owner, reopening));
        assertThat(pending()).isEqualTo(WITHDRAWN);
        assertThat(withdrawalStatus(withdrawalId)).isEqualTo("REQUESTED");

        // the resend is paid and buried: announced again, with its own transaction
        String resentTx = TestParties.newTxHash();
        TestChain.transfer(chain.vault(), recipient, WITHDRAWN);
        ObjectNode secondPayout = answers.executed(withdrawalId, resentTx);
        UUID secondPayoutId = traffic.publish(EventType.WITHDRAWAL_EXECUTED, owner, secondPayout);
        await().atMost(Duration.ofSeconds(30)).until(() -> pending().signum() == 0);
        assertReconciled("paid again");
        traffic.publish(EventType.WITHDRAWAL_EXECUTED, owner, secondPayout, secondPayoutId);
        awaitHandled(jdbc, traffic.publish(EventType.WITHDRAWAL_EXECUTED, owner, secondPayout),
                traffic.publish(EventType.WITHDRAWAL_REOPENED, owner, reopening));

        assertThat(available()).isEqualTo(DEPOSITED.subtract(WITHDRAWN));
        assertThat(pending()).isZero();
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).isEqualTo(mirrorBefore.add(WITHDRAWN));
        assertThat(transferKeys(withdrawalId)).containsExactly(
                "withdrawal:" + withdrawalId,
                "withdrawal-executed:" + withdrawalId,
                "withdrawal-reopening:" + withdrawalId + ":1",
                "withdrawal-executed:" + withdrawalId + ":1");
        assertThat(transferKinds(withdrawalId)).containsExactly("WITHDRAWAL_REQUEST", "WITHDRAWAL_EXECUTION",
                "WITHDRAWAL_REOPENING", "WITHDRAWAL_EXECUTION");
        assertReconciled("after the replays");
        assertThat(invariants.check().passed()).isTrue();
        mvc.perform(get("/api/v1/accounts/me/withdrawals/{id}", withdrawalId)
                        .header("Authorization", TestTokens.bearer(owner)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("EXECUTED"))
                .andExpect(jsonPath("$.txHash").value(resentTx));
    }

    @Test
    void aReopenedWithdrawalWhoseResendIsRefusedForGoodIsCreditedToTheOwnerOnce() throws Exception {
        BigInteger mirrorBefore = depositAndMirror();
        String withdrawalId = requestWithdrawal();
        String firstTx = TestParties.newTxHash();
        traffic.publish(EventType.WITHDRAWAL_EXECUTED, owner, answers.executed(withdrawalId, firstTx));
        await().atMost(Duration.ofSeconds(30)).until(() -> pending().signum() == 0);
        traffic.publish(EventType.WITHDRAWAL_REOPENED, owner, answers.reopened(withdrawalId, firstTx, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> pending().equals(WITHDRAWN));

        ObjectNode reversal = answers.reversed(withdrawalId, firstTx);
        UUID reversalId = traffic.publish(EventType.WITHDRAWAL_REVERSED, owner, reversal);
        await().atMost(Duration.ofSeconds(30)).until(() -> available().equals(DEPOSITED));
        traffic.publish(EventType.WITHDRAWAL_REVERSED, owner, reversal, reversalId);
        awaitHandled(jdbc, traffic.publish(EventType.WITHDRAWAL_REVERSED, owner, reversal),
                traffic.publish(EventType.WITHDRAWAL_REOPENED, owner, answers.reopened(withdrawalId, firstTx, 1)));

        assertThat(available()).as("credited once").isEqualTo(DEPOSITED);
        assertThat(pending()).isZero();
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).as("the vault still holds the money")
                .isEqualTo(mirrorBefore);
        assertThat(transferKinds(withdrawalId)).containsExactly("WITHDRAWAL_REQUEST", "WITHDRAWAL_EXECUTION",
                "WITHDRAWAL_REOPENING", "WITHDRAWAL_REVERSAL");
        assertThat(invariants.check().passed()).isTrue();
        assertThat(withdrawalStatus(withdrawalId)).isEqualTo("REVERSED");
    }

    @Test
    void aReopeningOutOfTurnIsDeadLetteredAndMovesNothing() throws Exception {
        BigInteger mirrorBefore = depositAndMirror();
        String withdrawalId = requestWithdrawal();
        String firstTx = TestParties.newTxHash();
        traffic.publish(EventType.WITHDRAWAL_EXECUTED, owner, answers.executed(withdrawalId, firstTx));
        await().atMost(Duration.ofSeconds(30)).until(() -> pending().signum() == 0);

        traffic.publish(EventType.WITHDRAWAL_REOPENED, owner, answers.reopened(withdrawalId, firstTx, 2));

        JsonNode deadLetter = traffic.awaitOnePublishedTo(DEAD_LETTERS, owner);
        assertThat(deadLetter.get("withdrawalId").asString()).isEqualTo(withdrawalId);
        assertThat(deadLetter.get("reopening").asInt()).isEqualTo(2);
        assertThat(pending()).isZero();
        assertThat(available()).isEqualTo(DEPOSITED.subtract(WITHDRAWN));
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).isEqualTo(mirrorBefore.add(WITHDRAWN));
        assertThat(transferKinds(withdrawalId)).containsExactly("WITHDRAWAL_REQUEST", "WITHDRAWAL_EXECUTION");
        assertThat(withdrawalStatus(withdrawalId)).isEqualTo("EXECUTED");

        // nothing of it was recorded: the reopening in turn still applies
        traffic.publish(EventType.WITHDRAWAL_REOPENED, owner, answers.reopened(withdrawalId, firstTx, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> pending().equals(WITHDRAWN));
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).isEqualTo(mirrorBefore);
    }

    @Test
    void aReopeningOfAWithdrawalNotExecutedIsDeadLetteredAndMovesNothing() throws Exception {
        BigInteger mirrorBefore = depositAndMirror();
        String withdrawalId = requestWithdrawal();

        traffic.publish(EventType.WITHDRAWAL_REOPENED, owner,
                answers.reopened(withdrawalId, TestParties.newTxHash(), 1));

        JsonNode deadLetter = traffic.awaitOnePublishedTo(DEAD_LETTERS, owner);
        assertThat(deadLetter.get("withdrawalId").asString()).isEqualTo(withdrawalId);
        assertThat(pending()).isEqualTo(WITHDRAWN);
        assertThat(available()).isEqualTo(DEPOSITED.subtract(WITHDRAWN));
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).isEqualTo(mirrorBefore);
        assertThat(transferKinds(withdrawalId)).containsExactly("WITHDRAWAL_REQUEST");
        assertThat(withdrawalStatus(withdrawalId)).isEqualTo("REQUESTED");
        assertThat(jdbc.sql("select reopenings from withdrawal where id = ?").param(UUID.fromString(withdrawalId))
                .query(Integer.class).single()).isZero();
    }

    /**
     * Other tests credit deposits without a chain: the vault receives what the ledger says it holds (or the ledger
     * what the vault holds more), so that this test's figures are compared from a level start.
     */
    private void vaultLevelWithTheLedger() {
        await().atMost(Duration.ofSeconds(30)).until(() -> reconciliation.latest().isPresent());
        BigInteger missing = ledger.balanceOf(AccountRef.vaultMirror()).negate()
                .subtract(TestChain.balanceOf(chain.vault()));
        if (missing.signum() > 0) {
            TestChain.mint(chain.vault(), missing);
        } else if (missing.signum() < 0) {
            credit(TestParties.newAddress(), missing.negate());
        }
        assertReconciled("level start");
    }

    /** Reads the vault's balance buried under the confirmations reconciliation waits for, and compares. */
    private void assertReconciled(String point) {
        TestChain.anvil().mine(TestChain.CONFIRMATIONS);
        assertThat(reconciliation.check().difference()).as(point).isZero();
    }

    /** The owner deposits into the vault on chain and escrow credits it; returns the vault mirror after it. */
    private BigInteger depositedOnChainAndCredited() {
        TestChain.mint(chain.vault(), DEPOSITED);
        credit(owner, DEPOSITED);
        return ledger.balanceOf(AccountRef.vaultMirror());
    }

    /** Credits the owner's deposit (ledger only); returns the vault mirror after it. */
    private BigInteger depositAndMirror() {
        credit(owner, DEPOSITED);
        return ledger.balanceOf(AccountRef.vaultMirror());
    }

    private void credit(String account, BigInteger amount) {
        transactions.executeWithoutResult(status -> deposits.credit(new DepositConfirmed(31337,
                TestParties.newTxHash(), 0, 1, account, TestChain.token(), amount)));
    }

    private String requestWithdrawal() throws Exception {
        String withdrawalId = WithdrawalRequests.requestWithdrawal(mvc, signer.sign(key, recipient, WITHDRAWN,
                BigInteger.valueOf(12), Instant.now().plus(Duration.ofHours(1)).getEpochSecond()));
        assertThat(pending()).isEqualTo(WITHDRAWN);
        return withdrawalId;
    }

    private List<String> transferKeys(String withdrawalId) {
        return jdbc.sql("select idempotency_key from transfer where idempotency_key like ? order by seq")
                .param("withdrawal%:" + withdrawalId + "%").query(String.class).list();
    }

    private List<String> transferKinds(String withdrawalId) {
        return jdbc.sql("select kind from transfer where idempotency_key like ? order by seq")
                .param("withdrawal%:" + withdrawalId + "%").query(String.class).list();
    }

    private String withdrawalStatus(String withdrawalId) {
        return jdbc.sql("select status from withdrawal where id = ?").param(UUID.fromString(withdrawalId))
                .query(String.class).single();
    }

    private BigInteger available() {
        return ledger.balanceOf(AccountRef.available(owner));
    }

    private BigInteger pending() {
        return ledger.balanceOf(AccountRef.pendingWithdrawal(owner));
    }

    private static ECKeyPair freshKey() {
        try {
            return Keys.createEcKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
