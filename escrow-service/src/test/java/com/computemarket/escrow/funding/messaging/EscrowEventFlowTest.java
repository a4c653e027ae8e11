package com.computemarket.escrow.funding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.MarketEventTraffic;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.accounts.application.AccountOverview;
import com.computemarket.escrow.accounts.application.AccountQueries;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lifecycle of a job's money, driven by events fed through the real broker and read back from it:
 * deposit, hold, lease funding with the excess returned, payout with the protocol fee, refund, and redelivery.
 */
@EscrowIntegrationTest
class EscrowEventFlowTest {

    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    private static MarketEventTraffic traffic;

    @Autowired
    AccountQueries accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    private final String consumer = TestParties.newAddress();
    private final UUID jobId = UUID.randomUUID();

    @BeforeAll
    static void connect() {
        traffic = new MarketEventTraffic(Topics.ESCROW_HOLDS, Topics.ESCROW_LEASES, Topics.ESCROW_SETTLEMENTS,
                Topics.deadLetterTopicOf(Topics.VERIFICATION_VERDICTS));
    }

    @AfterAll
    static void disconnect() {
        traffic.close();
    }

    @Test
    void fundsAJobFromDepositToSettlementWithExactAmounts() {
        String paidProvider = TestParties.newAddress();
        String rejectedProvider = TestParties.newAddress();
        UUID paidLease = UUID.randomUUID();
        UUID rejectedLease = UUID.randomUUID();
        BigInteger feesBefore = ledger.balanceOf(AccountRef.protocolFees());

        ObjectNode deposit = deposit(consumer, "5000000000000000000000");
        UUID depositEventId = traffic.publish(EventType.DEPOSIT_CONFIRMED, consumer, deposit);
        await().atMost(Duration.ofSeconds(30)).until(() -> available(consumer).equals(tokens(5000)));

        // 3 replicas x 2 tokens/hour x 1 hour
        traffic.publish(EventType.JOB_POSTED, jobId.toString(), jobPosted(consumer, "2000000000000000000", 3600, 3));
        JsonNode held = traffic.awaitOnePublished(EventType.FUNDS_HELD, jobId.toString(), any -> true);
        assertSameShapeAsExample(EventType.FUNDS_HELD, held);
        assertThat(held.get("amount").asString()).isEqualTo("6000000000000000000");
        assertThat(held.get("consumer").asString()).isEqualTo(consumer);
        assertThat(accounts.overviewOf(consumer)).isEqualTo(
                consumerMoney(tokens(4994), tokens(6), BigInteger.ZERO));

        // two leases of the award at 1.5 and 1.2 tokens/hour: 2.7 escrowed, 3.3 back to the consumer
        traffic.publish(EventType.LEASE_AWARDED, jobId.toString(),
                leaseAwarded(paidLease, paidProvider, "1500000000000000000", 2));
        traffic.publish(EventType.LEASE_AWARDED, jobId.toString(),
                leaseAwarded(rejectedLease, rejectedProvider, "1200000000000000000", 2));
        List<JsonNode> funded = traffic.awaitPublished(EventType.LEASE_FUNDED, jobId.toString(), 2, any -> true);
        assertSameShapeAsExample(EventType.LEASE_FUNDED, funded.getFirst());
        assertThat(funded).extracting(event -> event.get("leaseId").asString() + "=" + event.get("amount").asString())
                .containsExactlyInAnyOrder(paidLease + "=1500000000000000000", rejectedLease + "=1200000000000000000");
        await().atMost(Duration.ofSeconds(30)).until(() -> accounts.overviewOf(consumer).held().signum() == 0);
        assertThat(accounts.overviewOf(consumer)).isEqualTo(consumerMoney(
                new BigInteger("4997300000000000000000"), BigInteger.ZERO, new BigInteger("2700000000000000000")));

        ObjectNode verified = verdict(EventType.WORK_VERIFIED, paidLease, paidProvider);
        UUID verifiedEventId = traffic.publish(EventType.WORK_VERIFIED, jobId.toString(), verified);
        JsonNode paid = traffic.awaitOnePublished(EventType.SETTLEMENT_RECORDED, jobId.toString(),
                event -> event.get("leaseId").asString().equals(paidLease.toString()));
        assertSameShapeAsExample(EventType.SETTLEMENT_RECORDED, paid);
        assertThat(paid.get("outcome").asString()).isEqualTo("PAID");
        assertThat(paid.get("providerPayout").asString()).isEqualTo("1462500000000000000");
        assertThat(paid.get("protocolFee").asString()).isEqualTo("37500000000000000");
        assertThat(paid.get("consumerRefund").asString()).isEqualTo("0");
        assertThat(paid.get("provider").asString()).isEqualTo(paidProvider);
        assertThat(paid.get("consumer").asString()).isEqualTo(consumer);
        assertThat(available(paidProvider)).isEqualTo(new BigInteger("1462500000000000000"));
        assertThat(ledger.balanceOf(AccountRef.protocolFees()).subtract(feesBefore))
                .isEqualTo(new BigInteger("37500000000000000"));

        traffic.publish(EventType.WORK_REJECTED, jobId.toString(),
                verdict(EventType.WORK_REJECTED, rejectedLease, rejectedProvider));
        JsonNode refunded = traffic.awaitOnePublished(EventType.SETTLEMENT_RECORDED, jobId.toString(),
                event -> event.get("leaseId").asString().equals(rejectedLease.toString()));
        assertThat(refunded.get("outcome").asString()).isEqualTo("REFUNDED");
        assertThat(refunded.get("providerPayout").asString()).isEqualTo("0");
        assertThat(refunded.get("protocolFee").asString()).isEqualTo("0");
        assertThat(refunded.get("consumerRefund").asString()).isEqualTo("1200000000000000000");
        AccountOverview settled = consumerMoney(new BigInteger("4998500000000000000000"),
                BigInteger.ZERO, BigInteger.ZERO);
        assertThat(accounts.overviewOf(consumer)).isEqualTo(settled);
        assertThat(available(rejectedProvider)).isZero();

        // Redelivery of the same events, and the same deposit reported again under a new event id: nothing moves.
        double duplicatesBefore = duplicatesSkipped();
        traffic.publish(EventType.DEPOSIT_CONFIRMED, consumer, deposit, depositEventId);
        traffic.publish(EventType.WORK_VERIFIED, jobId.toString(), verified, verifiedEventId);
        UUID reportedAgain = traffic.publish(EventType.DEPOSIT_CONFIRMED, consumer, deposit);
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicatesSkipped() - duplicatesBefore >= 2
                && isProcessed(reportedAgain));
        assertThat(accounts.overviewOf(consumer)).isEqualTo(settled);
        assertThat(available(paidProvider)).isEqualTo(new BigInteger("1462500000000000000"));
        assertThat(jdbc.sql("select count(*) from outbox_event where event_type = 'SettlementRecorded' and message_key = ?")
                .param(jobId.toString()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void rejectsAHoldTheConsumerCannotCoverAndHoldsNothing() {
        traffic.publish(EventType.DEPOSIT_CONFIRMED, consumer, deposit(consumer, "1000000000000000000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> available(consumer).equals(tokens(1)));

        traffic.publish(EventType.JOB_POSTED, jobId.toString(), jobPosted(consumer, "2000000000000000000", 3600, 3));

        JsonNode rejected = traffic.awaitOnePublished(EventType.FUNDS_HOLD_REJECTED, jobId.toString(), any -> true);
        assertSameShapeAsExample(EventType.FUNDS_HOLD_REJECTED, rejected);
        assertThat(rejected.get("reason").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(rejected.get("requiredAmount").asString()).isEqualTo("6000000000000000000");
        assertThat(rejected.get("availableAmount").asString()).isEqualTo("1000000000000000000");
        assertThat(accounts.overviewOf(consumer)).isEqualTo(
                consumerMoney(tokens(1), BigInteger.ZERO, BigInteger.ZERO));
        assertThat(ledger.transfersOfJob(jobId)).isEmpty();
    }

    @Test
    void releasesTheWholeHoldWhenTheJobExpires() {
        traffic.publish(EventType.DEPOSIT_CONFIRMED, consumer, deposit(consumer, "10000000000000000000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> available(consumer).equals(tokens(10)));
        traffic.publish(EventType.JOB_POSTED, jobId.toString(), jobPosted(consumer, "1000000000000000000", 1800, 2));
        traffic.awaitOnePublished(EventType.FUNDS_HELD, jobId.toString(), any -> true);
        assertThat(accounts.overviewOf(consumer).held()).isEqualTo(tokens(1));

        traffic.publish(EventType.JOB_EXPIRED, jobId.toString(), MarketEventTraffic.example(EventType.JOB_EXPIRED,
                payload -> payload.put("jobId", jobId.toString()).put("consumer", consumer)));

        await().atMost(Duration.ofSeconds(30)).until(() -> accounts.overviewOf(consumer).held().signum() == 0);
        assertThat(available(consumer)).isEqualTo(tokens(10));
        assertThat(ledger.transfersOfJob(jobId)).extracting(transfer -> transfer.kind().name())
                .containsExactly("HOLD", "HOLD_RELEASE");
    }

    @Test
    void deadLettersAVerdictOnALeaseEscrowNeverFundedAndMovesNothing() {
        UUID unknownLease = UUID.randomUUID();
        String provider = TestParties.newAddress();
        BigInteger feesBefore = ledger.balanceOf(AccountRef.protocolFees());

        traffic.publish(EventType.WORK_VERIFIED, jobId.toString(),
                verdict(EventType.WORK_VERIFIED, unknownLease, provider));

        JsonNode deadLettered = traffic.awaitOnePublishedTo(Topics.deadLetterTopicOf(Topics.VERIFICATION_VERDICTS),
                jobId.toString());
        assertThat(deadLettered.get("leaseId").asString()).isEqualTo(unknownLease.toString());
        assertThat(available(provider)).isZero();
        assertThat(ledger.balanceOf(AccountRef.protocolFees())).isEqualTo(feesBefore);
    }

    private ObjectNode deposit(String account, String amount) {
        return MarketEventTraffic.example(EventType.DEPOSIT_CONFIRMED, payload -> payload
                .put("account", account).put("amount", amount).put("txHash", TestParties.newTxHash()));
    }

    private ObjectNode jobPosted(String owner, String maxPricePerHour, long durationSeconds, int replicas) {
        return MarketEventTraffic.example(EventType.JOB_POSTED, payload -> payload
                .put("jobId", jobId.toString()).put("consumer", owner).put("maxPricePerHour", maxPricePerHour)
                .put("durationSeconds", durationSeconds).put("replicas", replicas));
    }

    private ObjectNode leaseAwarded(UUID leaseId, String provider, String pricePerHour, int leasesInAward) {
        return MarketEventTraffic.example(EventType.LEASE_AWARDED, payload -> payload
                .put("leaseId", leaseId.toString()).put("jobId", jobId.toString()).put("consumer", consumer)
                .put("provider", provider).put("pricePerHour", pricePerHour).put("durationSeconds", 3600)
                .put("leasesInAward", leasesInAward)
                // Awarded two hours ago: the one-hour lease has run its course, so a verdict pays all of it.
                .put("awardedAt", Instant.now().minus(Duration.ofHours(2)).toString()));
    }

    private static ObjectNode verdict(EventType type, UUID leaseId, String provider) {
        return MarketEventTraffic.example(type, payload -> payload
                .put("leaseId", leaseId.toString()).put("provider", provider));
    }

    private boolean isProcessed(UUID eventId) {
        // Other listeners (stake) record the same event under their own consumer name.
        return jdbc.sql("select count(*) from processed_event where consumer = ? and event_id = ?")
                .params(FundingEventsListener.CONSUMER_NAME, eventId).query(Integer.class).single() == 1;
    }

    private double duplicatesSkipped() {
        return meters.get("messaging.inbox.duplicates").counter().count();
    }

    /** The consumer's overview when it has no stake, earnings, pending withdrawal or debt. */
    private AccountOverview consumerMoney(BigInteger available, BigInteger held, BigInteger leaseEscrow) {
        return new AccountOverview(consumer, available, held, leaseEscrow, BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ZERO, BigInteger.ZERO);
    }

    private BigInteger available(String address) {
        return ledger.balanceOf(AccountRef.available(address));
    }

    private static BigInteger tokens(long whole) {
        return TOKEN.multiply(BigInteger.valueOf(whole));
    }

    /** The producer side of the contract: what escrow emits has exactly the fields of the checked example. */
    private static void assertSameShapeAsExample(EventType type, JsonNode emitted) {
        JsonNode example = MarketEventTraffic.JSON.readTree(EventExamples.json(type));
        assertThat(fieldNames(emitted)).containsExactlyInAnyOrderElementsOf(fieldNames(example));
        for (String field : fieldNames(example)) {
            assertThat(emitted.get(field).getNodeType()).as(type + "." + field)
                    .isEqualTo(example.get(field).getNodeType());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
