package com.computemarket.escrow.withdrawals.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.MarketEventTraffic;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.accounts.application.DepositReversalService;
import com.computemarket.escrow.accounts.application.DepositService;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import com.computemarket.escrow.withdrawals.WithdrawalSigner;
import com.computemarket.escrow.withdrawals.model.SignedWithdrawal;
import com.computemarket.events.DepositConfirmed;
import com.computemarket.events.DepositReversed;
import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.Topics;
import com.computemarket.testsupport.DevAccounts;
import com.computemarket.testsupport.TestTokens;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import tools.jackson.databind.JsonNode;

/**
 * Withdrawals end to end through the real broker: a request signed by its owner is debited at once and announced to
 * chain-indexer; its answer (executed or failed, sent as chain-indexer sends it) confirms or compensates it once.
 * Refused requests change nothing.
 */
@EscrowIntegrationTest
class WithdrawalFlowTest {

    private static MarketEventTraffic traffic;

    @Autowired
    MockMvc mvc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DepositService deposits;
    @Autowired
    DepositReversalService reversals;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;

    private final WithdrawalSigner signer = new WithdrawalSigner();
    private final ECKeyPair key = freshKey();
    private final String owner = WithdrawalSigner.addressOf(key);
    private final String recipient = TestParties.newAddress();
    private final long deadline = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();

    @BeforeAll
    static void connect() {
        traffic = new MarketEventTraffic(Topics.ESCROW_WITHDRAWALS);
    }

    @AfterAll
    static void disconnect() {
        traffic.close();
    }

    @Test
    void aSignedWithdrawalIsDebitedAtOnceAnnouncedAndConfirmedOnceExecuted() throws Exception {
        deposit(owner, "1000");
        BigInteger mirrorBefore = ledger.balanceOf(AccountRef.vaultMirror());

        JsonNode accepted = json(withdraw(owner, signer.sign(key, recipient, BigInteger.valueOf(400), BigInteger.valueOf(7), deadline), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REQUESTED"))
                .andExpect(jsonPath("$.owner").value(owner))
                .andExpect(jsonPath("$.amount").value("400"))
                .andExpect(jsonPath("$.nonce").value("7")));
        String withdrawalId = accepted.get("withdrawalId").asString();
        assertThat(balance(AccountRef.available(owner))).isEqualTo(600);
        assertThat(balance(AccountRef.pendingWithdrawal(owner))).isEqualTo(400);
        mvc.perform(get("/api/v1/accounts/me").header("Authorization", TestTokens.bearer(owner)))
                .andExpect(jsonPath("$.available").value("600"))
                .andExpect(jsonPath("$.pendingWithdrawals").value("400"));

        JsonNode announced = traffic.awaitOnePublished(EventType.WITHDRAWAL_REQUESTED, owner, any -> true);
        assertThat(fieldNames(announced)).isEqualTo(fieldNames(MarketEventTraffic.JSON.readTree(
                EventExamples.json(EventType.WITHDRAWAL_REQUESTED))));
        assertThat(announced.get("withdrawalId").asString()).isEqualTo(withdrawalId);
        assertThat(announced.get("chainId").asLong()).isEqualTo(WithdrawalSigner.CHAIN_ID);
        assertThat(announced.get("vault").asString()).isEqualTo(WithdrawalSigner.VAULT);
        assertThat(announced.get("to").asString()).isEqualTo(recipient);
        assertThat(announced.get("amount").asString()).isEqualTo("400");
        assertThat(announced.get("nonce").asString()).isEqualTo("7");
        assertThat(announced.get("deadline").asLong()).isEqualTo(deadline);
        assertThat(announced.get("signature").asString()).isEqualTo(
                signer.sign(key, recipient, BigInteger.valueOf(400), BigInteger.valueOf(7), deadline).signature());

        String txHash = TestParties.newTxHash();
        UUID eventId = traffic.publish(EventType.WITHDRAWAL_EXECUTED, owner, MarketEventTraffic.example(
                EventType.WITHDRAWAL_EXECUTED, payload -> {
                    payload.put("withdrawalId", withdrawalId);
                    payload.put("account", owner);
                    payload.put("to", recipient);
                    payload.put("amount", "400");
                    payload.put("txHash", txHash);
                }));
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(AccountRef.pendingWithdrawal(owner)) == 0);
        // a redelivery changes nothing
        traffic.publish(EventType.WITHDRAWAL_EXECUTED, owner, MarketEventTraffic.example(EventType.WITHDRAWAL_EXECUTED,
                payload -> {
                    payload.put("withdrawalId", withdrawalId);
                    payload.put("account", owner);
                    payload.put("amount", "400");
                }), eventId);
        settleWithAMarkerDeposit();

        assertThat(balance(AccountRef.available(owner))).isEqualTo(600 + 5);
        assertThat(ledger.balanceOf(AccountRef.vaultMirror()))
                .isEqualTo(mirrorBefore.add(BigInteger.valueOf(400)).subtract(BigInteger.valueOf(5)));
        show(owner, withdrawalId).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("EXECUTED"))
                .andExpect(jsonPath("$.txHash").value(txHash))
                .andExpect(jsonPath("$.settledAt").isNotEmpty());
        mvc.perform(get("/api/v1/accounts/me/withdrawals").header("Authorization", TestTokens.bearer(owner)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].withdrawalId").value(withdrawalId));
        show(TestParties.newAddress(), withdrawalId).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.field").value("withdrawalId"));
    }

    @Test
    void aWithdrawalTheVaultRefusesIsCompensatedOnce() throws Exception {
        deposit(owner, "1000");
        String withdrawalId = json(withdraw(owner,
                signer.sign(key, recipient, BigInteger.valueOf(300), BigInteger.ONE, deadline), null)
                .andExpect(status().isOk())).get("withdrawalId").asString();
        assertThat(balance(AccountRef.available(owner))).isEqualTo(700);
        BigInteger mirrorBefore = ledger.balanceOf(AccountRef.vaultMirror());

        var failed = MarketEventTraffic.example(EventType.WITHDRAWAL_FAILED, payload -> {
            payload.put("withdrawalId", withdrawalId);
            payload.put("account", owner);
            payload.put("amount", "300");
        });
        traffic.publish(EventType.WITHDRAWAL_FAILED, owner, failed);
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(AccountRef.available(owner)) == 1000);
        // chain-indexer reporting the same failure again (new event id) changes nothing
        traffic.publish(EventType.WITHDRAWAL_FAILED, owner, failed);
        settleWithAMarkerDeposit();

        assertThat(balance(AccountRef.available(owner))).isEqualTo(1005);
        assertThat(balance(AccountRef.pendingWithdrawal(owner))).isZero();
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).isEqualTo(mirrorBefore.subtract(BigInteger.valueOf(5)));
        show(owner, withdrawalId).andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.failureReason").value("DEADLINE_PASSED"));
    }

    @Test
    void refusesEachBadRequestNamingTheFieldAndChangesNothing() throws Exception {
        deposit(owner, "1000");
        withdraw(owner, signer.sign(key, recipient, BigInteger.valueOf(100), BigInteger.valueOf(42), deadline), null)
                .andExpect(status().isOk());
        ECKeyPair stranger = freshKey();

        refused(signer.sign(key, recipient, BigInteger.TEN, BigInteger.ONE, Instant.now().getEpochSecond() - 1),
                422, "deadline-too-soon", "deadline");
        refused(signer.signAs(stranger, owner, recipient, BigInteger.TEN, BigInteger.ONE, deadline),
                422, "signature-invalid", "signature");
        // a signature of the owner over another amount does not cover this one
        SignedWithdrawal ten = signer.sign(key, recipient, BigInteger.TEN, BigInteger.ONE, deadline);
        refused(new SignedWithdrawal(owner, recipient, BigInteger.valueOf(11), BigInteger.ONE, deadline, ten.signature()),
                422, "signature-invalid", "signature");
        // the stranger's own valid signature, sent under the owner's token, is not the owner's
        refused(signer.sign(stranger, recipient, BigInteger.TEN, BigInteger.ONE, deadline),
                422, "signature-invalid", "signature");
        refused(signer.sign(key, recipient, BigInteger.TEN, BigInteger.valueOf(42), deadline), 409, "nonce-used", "nonce");
        refused(signer.sign(key, recipient, BigInteger.valueOf(901), BigInteger.TWO, deadline),
                422, "insufficient-funds", "amount");
        for (Map.Entry<String, String> malformed : Map.of(
                "{\"to\":\"0x12\",\"amount\":\"1\",\"nonce\":\"1\",\"deadline\":1,\"signature\":\"" + ten.signature() + "\"}", "to",
                "{\"to\":\"" + recipient + "\",\"amount\":\"0\",\"nonce\":\"1\",\"deadline\":1,\"signature\":\"" + ten.signature() + "\"}", "amount",
                "{\"to\":\"" + recipient + "\",\"amount\":\"1\",\"nonce\":\"-1\",\"deadline\":1,\"signature\":\"" + ten.signature() + "\"}", "nonce",
                "{\"to\":\"" + recipient + "\",\"amount\":\"1\",\"nonce\":\"1\",\"signature\":\"" + ten.signature() + "\"}", "deadline",
                "{\"to\":\"" + recipient + "\",\"amount\":\"1\",\"nonce\":\"1\",\"deadline\":1,\"signature\":\"0x1234\"}", "signature",
                "{\"to\":\"0x0000000000000000000000000000000000000000\",\"amount\":\"1\",\"nonce\":\"1\",\"deadline\":1,\"signature\":\"" + ten.signature() + "\"}", "to")
                .entrySet()) {
            post(owner, malformed.getKey(), null).andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.field").value(malformed.getValue()));
        }

        assertThat(balance(AccountRef.available(owner))).isEqualTo(900);
        assertThat(balance(AccountRef.pendingWithdrawal(owner))).isEqualTo(100);
        assertThat(jdbc.sql("select count(*) from withdrawal where owner = ?").param(owner).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from outbox_event where event_type = 'WithdrawalRequested' and message_key = ?")
                .param(owner).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRepeatedRequestWithTheSameIdempotencyKeyWithdrawsOnce() throws Exception {
        deposit(owner, "1000");
        SignedWithdrawal signed = signer.sign(key, recipient, BigInteger.valueOf(250), BigInteger.valueOf(3), deadline);

        String first = withdraw(owner, signed, "payout-1").andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String again = withdraw(owner, signed, "payout-1").andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        withdraw(owner, signer.sign(key, recipient, BigInteger.valueOf(250), BigInteger.valueOf(4), deadline), "payout-1")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("Idempotency-Key"));

        assertThat(again).isEqualTo(first);
        assertThat(balance(AccountRef.available(owner))).isEqualTo(750);
    }

    @Test
    void aWithdrawalFirstPaysWhatTheOwnerOwesAfterAReversedDeposit() throws Exception {
        String spentTx = TestParties.newTxHash();
        deposit(owner, "1000", spentTx);
        SignedWithdrawal spent = signer.sign(key, recipient, BigInteger.valueOf(600), BigInteger.valueOf(1), deadline);
        withdraw(owner, spent, null).andExpect(status().isOk());
        transactions.executeWithoutResult(status -> reversals.reverse(new DepositReversed(31337, spentTx, 0, 1,
                TestParties.newTxHash(), owner, "0x5FbDB2315678afecb367f032d93F642f64180aa3", BigInteger.valueOf(1000))));
        assertThat(balance(AccountRef.receivable(owner))).isEqualTo(-600);
        // money earned meanwhile (a payout, say) lands in AVAILABLE without paying the debt
        transactions.executeWithoutResult(status -> ledger.apply(TransferRequest.move("test-earning:" + owner,
                TransferKind.SETTLEMENT_PAYOUT, null, null, AccountRef.vaultMirror(), AccountRef.available(owner),
                BigInteger.valueOf(650))));

        // the debt comes first: 650 - 600 leaves 50, so 51 is refused and the repayment undone with it
        refused(signer.sign(key, recipient, BigInteger.valueOf(51), BigInteger.valueOf(2), deadline),
                422, "insufficient-funds", "amount");
        assertThat(balance(AccountRef.receivable(owner))).isEqualTo(-600);
        assertThat(balance(AccountRef.available(owner))).isEqualTo(650);

        withdraw(owner, signer.sign(key, recipient, BigInteger.valueOf(50), BigInteger.valueOf(3), deadline), null)
                .andExpect(status().isOk());
        assertThat(balance(AccountRef.receivable(owner))).isZero();
        assertThat(balance(AccountRef.available(owner))).isZero();
        assertThat(balance(AccountRef.pendingWithdrawal(owner))).isEqualTo(600 + 50);
    }

    private void refused(SignedWithdrawal signed, int status, String slug, String field) throws Exception {
        withdraw(owner, signed, null)
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/" + slug))
                .andExpect(jsonPath("$.field").value(field));
    }

    private ResultActions withdraw(String caller, SignedWithdrawal signed, String idempotencyKey) throws Exception {
        String body = "{\"to\":\"%s\",\"amount\":\"%s\",\"nonce\":\"%s\",\"deadline\":%d,\"signature\":\"%s\"}"
                .formatted(signed.to(), signed.amount(), signed.nonce(), signed.deadline(), signed.signature());
        return post(caller, body, idempotencyKey);
    }

    private ResultActions post(String caller, String body, String idempotencyKey) throws Exception {
        var request = MockMvcRequestBuilders.post("/api/v1/accounts/me/withdrawals")
                .header("Authorization", TestTokens.bearer(caller))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return mvc.perform(request);
    }

    private ResultActions show(String caller, String withdrawalId) throws Exception {
        return mvc.perform(get("/api/v1/accounts/me/withdrawals/{id}", withdrawalId)
                .header("Authorization", TestTokens.bearer(caller)));
    }

    /** A deposit of 5 through the broker after the answers sent so far: once it lands, they were handled. */
    private void settleWithAMarkerDeposit() {
        long expected = balance(AccountRef.available(owner)) + 5;
        traffic.publish(EventType.DEPOSIT_CONFIRMED, owner, MarketEventTraffic.example(EventType.DEPOSIT_CONFIRMED,
                payload -> {
                    payload.put("txHash", TestParties.newTxHash());
                    payload.put("account", owner);
                    payload.put("amount", "5");
                }));
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(AccountRef.available(owner)) >= expected);
    }

    private long balance(AccountRef account) {
        return ledger.balanceOf(account).longValueExact();
    }

    private void deposit(String account, String amount) {
        deposit(account, amount, TestParties.newTxHash());
    }

    private void deposit(String account, String amount, String txHash) {
        transactions.executeWithoutResult(status -> deposits.credit(new DepositConfirmed(31337, txHash, 0, 1,
                account, "0x5FbDB2315678afecb367f032d93F642f64180aa3", new BigInteger(amount))));
    }

    private static JsonNode json(ResultActions result) throws Exception {
        return MarketEventTraffic.JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>(node.propertyNames());
        names.sort(null);
        return names;
    }

    private static ECKeyPair freshKey() {
        try {
            return Keys.createEcKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
