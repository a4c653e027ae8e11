package com.computemarket.escrow.accounts.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.MarketEventTraffic;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.accounts.application.AccountQueries;
import com.computemarket.escrow.accounts.application.StakeService;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.application.LedgerInvariants;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.events.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deposits a reorg removed, fed through the real broker as chain-indexer publishes them: the credit is taken back
 * once, a reversal of a deposit never credited moves nothing (and blocks a late confirmation), and a deposit already
 * spent leaves a debt that the next deposit pays first.
 */
@EscrowIntegrationTest
class DepositReversalFlowTest {

    private static MarketEventTraffic traffic;

    @Autowired
    Ledger ledger;
    @Autowired
    AccountQueries accounts;
    @Autowired
    StakeService stakes;
    @Autowired
    LedgerInvariants invariants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    private final String depositor = TestParties.newAddress();

    @BeforeAll
    static void connect() {
        traffic = new MarketEventTraffic();
    }

    @AfterAll
    static void disconnect() {
        traffic.close();
    }

    @Test
    void takesTheCreditOfThatDepositBackOnceAndLeavesTheOthers() {
        String txHash = TestParties.newTxHash();
        traffic.publish(EventType.DEPOSIT_CONFIRMED, depositor, deposit(EventType.DEPOSIT_CONFIRMED, txHash, 1, "1000"));
        traffic.publish(EventType.DEPOSIT_CONFIRMED, depositor, deposit(EventType.DEPOSIT_CONFIRMED, txHash, 2, "300"));
        await().atMost(Duration.ofSeconds(30)).until(() -> available(depositor).equals(BigInteger.valueOf(1300)));
        BigInteger mirrorBefore = ledger.balanceOf(AccountRef.vaultMirror());

        ObjectNode reversal = deposit(EventType.DEPOSIT_REVERSED, txHash, 1, "1000");
        UUID eventId = traffic.publish(EventType.DEPOSIT_REVERSED, depositor, reversal);
        await().atMost(Duration.ofSeconds(30)).until(() -> available(depositor).equals(BigInteger.valueOf(300)));
        // a redelivery (same event id) and a re-emission (new event id) of the same reversal change nothing
        traffic.publish(EventType.DEPOSIT_REVERSED, depositor, reversal, eventId);
        traffic.publish(EventType.DEPOSIT_REVERSED, depositor, reversal);
        String marker = settleWithAMarkerDeposit();

        assertThat(available(depositor)).isEqualTo(BigInteger.valueOf(300 + 5));
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).isEqualTo(mirrorBefore.add(BigInteger.valueOf(1000 - 5)));
        assertThat(ledger.balanceOf(AccountRef.receivable(depositor))).isZero();
        assertThat(transferKinds()).containsExactly("DEPOSIT", "DEPOSIT", "DEPOSIT_REVERSAL", "DEPOSIT");
        assertThat(jdbc.sql("select outcome || ' ' || taken_back || ' ' || shortfall from deposit_reversal where tx_hash = ?")
                .param(txHash).query(String.class).list()).containsExactly("REVERSED 1000 0");
        assertThat(marker).isNotNull();
        assertThat(invariants.check().passed()).isTrue();
    }

    @Test
    void aReversalOfADepositNeverCreditedIsRecordedMovesNothingAndBlocksALateConfirmation() {
        String txHash = TestParties.newTxHash();
        BigInteger mirrorBefore = ledger.balanceOf(AccountRef.vaultMirror());

        traffic.publish(EventType.DEPOSIT_REVERSED, depositor, deposit(EventType.DEPOSIT_REVERSED, txHash, 0, "700"));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from deposit_reversal where tx_hash = ?")
                .param(txHash).query(Long.class).single() == 1);
        traffic.publish(EventType.DEPOSIT_CONFIRMED, depositor, deposit(EventType.DEPOSIT_CONFIRMED, txHash, 0, "700"));
        settleWithAMarkerDeposit();

        assertThat(available(depositor)).isEqualTo(BigInteger.valueOf(5));
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).isEqualTo(mirrorBefore.subtract(BigInteger.valueOf(5)));
        assertThat(jdbc.sql("select outcome || ' ' || taken_back || ' ' || shortfall from deposit_reversal where tx_hash = ?")
                .param(txHash).query(String.class).single()).isEqualTo("NEVER_CREDITED 0 0");
    }

    @Test
    void aDepositAlreadySpentIsTakenBackAsFarAsPossibleAndTheRestIsOwedUntilTheNextDepositPaysIt() {
        String txHash = TestParties.newTxHash();
        double shortfallsBefore = meters.counter("escrow.deposit.reversal.shortfalls").count();
        traffic.publish(EventType.DEPOSIT_CONFIRMED, depositor, deposit(EventType.DEPOSIT_CONFIRMED, txHash, 0, "1000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> available(depositor).equals(BigInteger.valueOf(1000)));
        stakes.bond(depositor, BigInteger.valueOf(600), Optional.empty());

        traffic.publish(EventType.DEPOSIT_REVERSED, depositor, deposit(EventType.DEPOSIT_REVERSED, txHash, 0, "1000"));
        await().atMost(Duration.ofSeconds(30)).until(
                () -> ledger.balanceOf(AccountRef.receivable(depositor)).equals(BigInteger.valueOf(-600)));

        assertThat(available(depositor)).isZero();
        assertThat(accounts.overviewOf(depositor).debt()).as("what the depositor owes, shown positive")
                .isEqualTo(BigInteger.valueOf(600));
        assertThat(ledger.balanceOf(AccountRef.stake(depositor))).isEqualTo(BigInteger.valueOf(600));
        assertThat(jdbc.sql("select outcome || ' ' || taken_back || ' ' || shortfall from deposit_reversal where tx_hash = ?")
                .param(txHash).query(String.class).single()).isEqualTo("REVERSED 400 600");
        assertThat(meters.counter("escrow.deposit.reversal.shortfalls").count()).isEqualTo(shortfallsBefore + 1);
        // money is still conserved: the debt offsets what was spent, and the vault mirror is whole again
        assertThat(invariants.check().passed()).isTrue();

        traffic.publish(EventType.DEPOSIT_CONFIRMED, depositor,
                deposit(EventType.DEPOSIT_CONFIRMED, TestParties.newTxHash(), 0, "1000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> available(depositor).equals(BigInteger.valueOf(400)));
        assertThat(ledger.balanceOf(AccountRef.receivable(depositor))).isZero();
        assertThat(invariants.check().passed()).isTrue();
    }

    /** Deposits 5 more after everything sent so far: the same partition, so once it lands the rest was handled. */
    private String settleWithAMarkerDeposit() {
        BigInteger expected = available(depositor).add(BigInteger.valueOf(5));
        String txHash = TestParties.newTxHash();
        traffic.publish(EventType.DEPOSIT_CONFIRMED, depositor, deposit(EventType.DEPOSIT_CONFIRMED, txHash, 0, "5"));
        await().atMost(Duration.ofSeconds(30)).until(() -> available(depositor).compareTo(expected) >= 0);
        return txHash;
    }

    private java.util.List<String> transferKinds() {
        return jdbc.sql("""
                        select t.kind from transfer t join posting p on p.transfer_id = t.id
                        join account a on a.id = p.account_id
                        where a.owner = ? and a.purpose = 'AVAILABLE' order by t.seq""")
                .param(depositor).query(String.class).list();
    }

    private ObjectNode deposit(EventType type, String txHash, long logIndex, String amount) {
        return MarketEventTraffic.example(type, payload -> {
            payload.put("txHash", txHash);
            payload.put("logIndex", logIndex);
            payload.put("account", depositor);
            payload.put("amount", amount);
        });
    }

    private BigInteger available(String address) {
        return ledger.balanceOf(AccountRef.available(address));
    }
}
