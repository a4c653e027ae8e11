package com.computemarket.escrow.withdrawals.web;

import static com.computemarket.escrow.withdrawals.web.ChainWithdrawalAnswers.awaitHandled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.MarketEventTraffic;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.accounts.application.DepositService;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.application.LedgerInvariants;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.withdrawals.WithdrawalSigner;
import com.computemarket.events.DepositConfirmed;
import com.computemarket.events.EventType;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Withdrawals whose reported payout a deep reorg removed, answered through the real broker as chain-indexer answers:
 * a resend that is paid is never debited twice; one the vault refuses for good is reversed (WithdrawalReversed) and
 * credited back once, with the vault mirror restored, in whichever order the answers arrive.
 */
@EscrowIntegrationTest
class WithdrawalReversalFlowTest {

    private static final BigInteger DEPOSITED = BigInteger.valueOf(1000);
    private static final BigInteger WITHDRAWN = BigInteger.valueOf(400);
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
    JdbcClient jdbc;

    private final WithdrawalSigner signer = new WithdrawalSigner();
    private final ECKeyPair key = freshKey();
    private final String owner = WithdrawalSigner.addressOf(key);
    private final String recipient = TestParties.newAddress();
    private final ChainWithdrawalAnswers answers = new ChainWithdrawalAnswers(owner, recipient, WITHDRAWN);

    @BeforeAll
    static void connect() {
        traffic = new MarketEventTraffic();
    }

    @AfterAll
    static void disconnect() {
        traffic.close();
    }

    @Test
    void anExecutedWithdrawalReversedAfterAReorgIsCreditedBackOnceAndTheVaultMirrorIsRestored() throws Exception {
        BigInteger mirrorBefore = depositAndMirror();
        String withdrawalId = requestWithdrawal();
        String firstTx = TestParties.newTxHash();
        traffic.publish(EventType.WITHDRAWAL_EXECUTED, owner, answers.executed(withdrawalId, firstTx));
        await().atMost(Duration.ofSeconds(30)).until(() -> pending().signum() == 0);
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).as("the payout left the vault")
                .isEqualTo(mirrorBefore.add(WITHDRAWN));

        ObjectNode reversal = answers.reversed(withdrawalId, firstTx);
        UUID eventId = traffic.publish(EventType.WITHDRAWAL_REVERSED, owner, reversal);
        await().atMost(Duration.ofSeconds(30)).until(() -> available().equals(DEPOSITED));
        // a redelivery, a re-emission and a late WithdrawalExecuted of the same withdrawal change nothing
        traffic.publish(EventType.WITHDRAWAL_REVERSED, owner, reversal, eventId);
        awaitHandled(jdbc, traffic.publish(EventType.WITHDRAWAL_REVERSED, owner, reversal),
                traffic.publish(EventType.WITHDRAWAL_EXECUTED, owner,
                        answers.executed(withdrawalId, TestParties.newTxHash())));

        assertThat(available()).isEqualTo(DEPOSITED);
        assertThat(pending()).isZero();
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).as("the vault still holds the money")
                .isEqualTo(mirrorBefore);
        assertThat(transferKinds(withdrawalId)).containsExactly("WITHDRAWAL_REQUEST", "WITHDRAWAL_EXECUTION",
                "WITHDRAWAL_REVERSAL");
        assertThat(invariants.check().passed()).isTrue();
        mvc.perform(get("/api/v1/accounts/me/withdrawals/{id}", withdrawalId)
                        .header("Authorization", TestTokens.bearer(owner)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REVERSED"))
                .andExpect(jsonPath("$.txHash").value(firstTx))
                .andExpect(jsonPath("$.failureReason").value("DEADLINE_PASSED"));
    }

    @Test
    void aReversalThatOvertakesItsExecutionReturnsThePendingAmountAndTheLateExecutionChangesNothing()
            throws Exception {
        BigInteger mirrorBefore = depositAndMirror();
        String withdrawalId = requestWithdrawal();
        String firstTx = TestParties.newTxHash();

        traffic.publish(EventType.WITHDRAWAL_REVERSED, owner, answers.reversed(withdrawalId, firstTx));
        await().atMost(Duration.ofSeconds(30)).until(() -> available().equals(DEPOSITED));
        awaitHandled(jdbc,
                traffic.publish(EventType.WITHDRAWAL_EXECUTED, owner, answers.executed(withdrawalId, firstTx)));

        assertThat(available()).isEqualTo(DEPOSITED);
        assertThat(pending()).isZero();
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).isEqualTo(mirrorBefore);
        assertThat(transferKinds(withdrawalId)).containsExactly("WITHDRAWAL_REQUEST", "WITHDRAWAL_REVERSAL");
        assertThat(invariants.check().passed()).isTrue();
    }

    @Test
    void aWithdrawalPaidAgainAfterAReorgIsDebitedOnceHoweverOftenItsExecutionIsReported() throws Exception {
        BigInteger mirrorBefore = depositAndMirror();
        String withdrawalId = requestWithdrawal();

        traffic.publish(EventType.WITHDRAWAL_EXECUTED, owner, answers.executed(withdrawalId, TestParties.newTxHash()));
        await().atMost(Duration.ofSeconds(30)).until(() -> pending().signum() == 0);
        awaitHandled(jdbc, traffic.publish(EventType.WITHDRAWAL_EXECUTED, owner, answers.executed(withdrawalId,
                TestParties.newTxHash())));

        assertThat(available()).isEqualTo(DEPOSITED.subtract(WITHDRAWN));
        assertThat(pending()).isZero();
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).isEqualTo(mirrorBefore.add(WITHDRAWN));
        assertThat(transferKinds(withdrawalId)).containsExactly("WITHDRAWAL_REQUEST", "WITHDRAWAL_EXECUTION");
    }

    /** Credits the owner's deposit; returns the vault mirror after it. */
    private BigInteger depositAndMirror() {
        transactions.executeWithoutResult(status -> deposits.credit(new DepositConfirmed(31337, TestParties.newTxHash(),
                0, 1, owner, "0x5FbDB2315678afecb367f032d93F642f64180aa3", DEPOSITED)));
        return ledger.balanceOf(AccountRef.vaultMirror());
    }

    private String requestWithdrawal() throws Exception {
        String withdrawalId = WithdrawalRequests.requestWithdrawal(mvc, signer.sign(key, recipient, WITHDRAWN,
                BigInteger.valueOf(11), Instant.now().plus(Duration.ofHours(1)).getEpochSecond()));
        assertThat(pending()).isEqualTo(WITHDRAWN);
        return withdrawalId;
    }

    private List<String> transferKinds(String withdrawalId) {
        return jdbc.sql("select kind from transfer where idempotency_key like ? order by seq")
                .param("%" + withdrawalId).query(String.class).list();
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
