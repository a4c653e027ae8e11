package com.computemarket.escrow.accounts.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.MarketEventTraffic;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.application.LedgerInvariants;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.events.EventType;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deposit reversed by a reorg whose log came back is confirmed again under the same (chain id, tx hash, log index)
 * with the next generation, as chain-indexer publishes it: credited again, once. Redeliveries and re-emissions of any
 * of its confirmations and reversals, also reordered ones, change nothing.
 */
@EscrowIntegrationTest
class DepositReconfirmationFlowTest {

    private static final BigInteger AMOUNT = BigInteger.valueOf(1000);
    private static MarketEventTraffic traffic;

    @Autowired
    Ledger ledger;
    @Autowired
    LedgerInvariants invariants;
    @Autowired
    JdbcClient jdbc;

    private final String depositor = TestParties.newAddress();
    private final String txHash = TestParties.newTxHash();

    @BeforeAll
    static void connect() {
        traffic = new MarketEventTraffic();
    }

    @AfterAll
    static void disconnect() {
        traffic.close();
    }

    @Test
    void aDepositConfirmedAgainAfterItsReversalIsCreditedAgainOnceAndRedeliveriesChangeNothing() {
        BigInteger mirrorBefore = ledger.balanceOf(AccountRef.vaultMirror());
        ObjectNode first = deposit(EventType.DEPOSIT_CONFIRMED, 0);
        ObjectNode firstReversal = deposit(EventType.DEPOSIT_REVERSED, 0);
        ObjectNode second = deposit(EventType.DEPOSIT_CONFIRMED, 1);

        UUID firstId = traffic.publish(EventType.DEPOSIT_CONFIRMED, depositor, first);
        awaitHandled(firstId);
        assertThat(available()).isEqualTo(AMOUNT);
        UUID reversalId = traffic.publish(EventType.DEPOSIT_REVERSED, depositor, firstReversal);
        awaitHandled(reversalId);
        assertThat(available()).isZero();
        UUID secondId = traffic.publish(EventType.DEPOSIT_CONFIRMED, depositor, second);
        awaitHandled(secondId);
        assertThat(available()).as("the log came back: credited again").isEqualTo(AMOUNT);

        // redeliveries (same event ids) and re-emissions (new event ids) of every step, the older ones last
        traffic.publish(EventType.DEPOSIT_CONFIRMED, depositor, second, secondId);
        traffic.publish(EventType.DEPOSIT_REVERSED, depositor, firstReversal, reversalId);
        traffic.publish(EventType.DEPOSIT_CONFIRMED, depositor, first, firstId);
        awaitHandled(traffic.publish(EventType.DEPOSIT_CONFIRMED, depositor, second),
                traffic.publish(EventType.DEPOSIT_REVERSED, depositor, firstReversal),
                traffic.publish(EventType.DEPOSIT_CONFIRMED, depositor, first));

        assertThat(available()).isEqualTo(AMOUNT);
        assertThat(ledger.balanceOf(AccountRef.receivable(depositor))).isZero();
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).isEqualTo(mirrorBefore.subtract(AMOUNT));
        assertThat(transferKeys()).containsExactly(
                "DEPOSIT deposit:31337:" + txHash + ":1",
                "DEPOSIT_REVERSAL deposit-reversal:31337:" + txHash + ":1",
                "DEPOSIT deposit:31337:" + txHash + ":1:1");
        assertThat(invariants.check().passed()).isTrue();
    }

    @Test
    void aSecondReversalTakesTheSecondCreditBackAndAReversalOvertakingItsConfirmationBlocksIt() {
        BigInteger mirrorBefore = ledger.balanceOf(AccountRef.vaultMirror());
        awaitHandled(traffic.publish(EventType.DEPOSIT_CONFIRMED, depositor, deposit(EventType.DEPOSIT_CONFIRMED, 0)),
                traffic.publish(EventType.DEPOSIT_REVERSED, depositor, deposit(EventType.DEPOSIT_REVERSED, 0)),
                traffic.publish(EventType.DEPOSIT_CONFIRMED, depositor, deposit(EventType.DEPOSIT_CONFIRMED, 1)),
                traffic.publish(EventType.DEPOSIT_REVERSED, depositor, deposit(EventType.DEPOSIT_REVERSED, 1)));
        assertThat(available()).isZero();

        // the third confirmation's reversal arrives first (a reordering): the late confirmation is never credited
        awaitHandled(traffic.publish(EventType.DEPOSIT_REVERSED, depositor, deposit(EventType.DEPOSIT_REVERSED, 2)),
                traffic.publish(EventType.DEPOSIT_CONFIRMED, depositor, deposit(EventType.DEPOSIT_CONFIRMED, 2)));

        assertThat(available()).isZero();
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).isEqualTo(mirrorBefore);
        assertThat(jdbc.sql("select generation || ' ' || outcome from deposit_reversal where tx_hash = ? "
                + "order by generation").param(txHash).query(String.class).list())
                .containsExactly("0 REVERSED", "1 REVERSED", "2 NEVER_CREDITED");
        assertThat(invariants.check().passed()).isTrue();
    }

    private ObjectNode deposit(EventType type, int generation) {
        return MarketEventTraffic.example(type, payload -> {
            payload.put("txHash", txHash);
            payload.put("logIndex", 1);
            payload.put("account", depositor);
            payload.put("amount", AMOUNT.toString());
            payload.put("generation", generation);
        });
    }

    /** Waits until escrow's inbox has handled every one of these events. */
    private void awaitHandled(UUID... eventIds) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "select count(*) from processed_event where consumer = 'escrow-service' and event_id in ("
                                + String.join(",", Collections.nCopies(eventIds.length, "?")) + ")")
                .params((Object[]) eventIds).query(Long.class).single() == eventIds.length);
    }

    private List<String> transferKeys() {
        return jdbc.sql("select kind || ' ' || idempotency_key from transfer where idempotency_key like ? order by seq")
                .param("%" + txHash + "%").query(String.class).list();
    }

    private BigInteger available() {
        return ledger.balanceOf(AccountRef.available(depositor));
    }
}
