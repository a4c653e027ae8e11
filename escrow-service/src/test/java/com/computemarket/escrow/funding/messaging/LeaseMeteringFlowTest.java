package com.computemarket.escrow.funding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.MarketEventTraffic;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.funding.application.LeaseMetering;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.Topics;
import com.computemarket.testsupport.TestTokens;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Leases metered over time, through the real broker and database: per-second accrual, downtime refunds, payment of
 * what was earned on verification, and a lease its consumer cannot keep funded: paused, resumed on a top-up, or
 * lapsed when its grace period ends. Metering passes are run at chosen moments after the award (the schedule also
 * runs, at the real time, which is earlier, so it cannot get ahead of them; a pass is repeated until the lease is
 * free, since a pass skips a lease the schedule is metering at that instant).
 */
@EscrowIntegrationTest
class LeaseMeteringFlowTest {

    /** 3.6 tokens an hour: a thousandth of a token a second. */
    private static final String PRICE_PER_HOUR = "3600000000000000000";
    private static MarketEventTraffic traffic;

    @Autowired
    LeaseMetering metering;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    private final String consumer = TestParties.newAddress();
    private final String provider = TestParties.newAddress();
    private final UUID jobId = UUID.randomUUID();
    private final UUID leaseId = UUID.randomUUID();
    private final Instant awardedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    static void connect() {
        traffic = new MarketEventTraffic(Topics.ESCROW_HOLDS, Topics.ESCROW_LEASES, Topics.ESCROW_SETTLEMENTS);
    }

    @AfterAll
    static void disconnect() {
        traffic.close();
    }

    @Test
    void accruesPerSecondRefundsDowntimeOnceAndPaysWhatWasEarnedOnVerification() throws Exception {
        runOneHourLease("10");
        meterUntil(600, () -> earned().equals(tokens("0.6")));
        assertThat(escrow()).isEqualTo(tokens("3.0"));

        ObjectNode downtime = MarketEventTraffic.example(EventType.LEASE_DOWNTIME_RECORDED, payload -> payload
                .put("leaseId", leaseId.toString()).put("jobId", jobId.toString()).put("consumer", consumer)
                .put("provider", provider).put("downtimeStartedAt", awardedAt.plusSeconds(100).toString())
                .put("downtimeEndedAt", awardedAt.plusSeconds(160).toString()));
        UUID downtimeEventId = traffic.publish(EventType.LEASE_DOWNTIME_RECORDED, jobId.toString(), downtime);
        traffic.publish(EventType.LEASE_DOWNTIME_RECORDED, jobId.toString(), downtime, downtimeEventId);
        UUID reEmitted = traffic.publish(EventType.LEASE_DOWNTIME_RECORDED, jobId.toString(), downtime);
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessed(reEmitted));
        assertThat(available(consumer)).as("60 s refunded once").isEqualTo(tokens("6.46"));
        assertThat(escrow()).isEqualTo(tokens("2.94"));
        // What the provider has earned and not yet been paid is its own line of its balances.
        mvc.perform(get("/api/v1/accounts/me").header("Authorization", TestTokens.bearer(provider)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.earnedUnsettled").value(earned().toString()))
                .andExpect(jsonPath("$.available").value("0"));

        traffic.publish(EventType.WORK_VERIFIED, jobId.toString(), MarketEventTraffic.example(
                EventType.WORK_VERIFIED, payload -> payload.put("leaseId", leaseId.toString())
                        .put("jobId", jobId.toString()).put("provider", provider)));

        // 600 s metered less 60 s of downtime earned 0.54; 2.5 % of it is the fee; the rest of the lease goes back.
        JsonNode settled = traffic.awaitOnePublished(EventType.SETTLEMENT_RECORDED, jobId.toString(), any -> true);
        assertThat(settled.get("outcome").asString()).isEqualTo("PAID");
        assertThat(settled.get("providerPayout").asString()).isEqualTo("526500000000000000");
        assertThat(settled.get("protocolFee").asString()).isEqualTo("13500000000000000");
        assertThat(settled.get("consumerRefund").asString()).isEqualTo("3000000000000000000");
        assertThat(available(provider)).isEqualTo(new BigInteger("526500000000000000"));
        assertThat(available(consumer)).isEqualTo(tokens("9.46"));
        assertThat(escrow().add(earned())).isZero();
        mvc.perform(get("/api/v1/accounts/me").header("Authorization", TestTokens.bearer(provider)))
                .andExpect(jsonPath("$.earnedUnsettled").value("0"))
                .andExpect(jsonPath("$.available").value("526500000000000000"));

        mvc.perform(get("/api/v1/ledger/jobs/{jobId}", jobId).header("Authorization", TestTokens.bearer(consumer)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.leases[0].leaseId").value(leaseId.toString()))
                .andExpect(jsonPath("$.leases[0].status").value("PAID"))
                .andExpect(jsonPath("$.leases[0].billableSeconds").value(600))
                .andExpect(jsonPath("$.leases[0].downtimeSeconds").value(60))
                .andExpect(jsonPath("$.downtime[0].seconds").value(60))
                .andExpect(jsonPath("$.downtime[0].refunded").value("60000000000000000"))
                .andExpect(jsonPath("$.transfers[*].kind").value(Matchers.hasItems("LEASE_ACCRUAL",
                        "DOWNTIME_REFUND", "SETTLEMENT_PAYOUT")));
    }

    @Test
    void pausesALeaseItsConsumerCannotKeepFundedAndResumesItOnATopUp() {
        runTwoHourLeaseThenSpendTheRest();

        meterUntil(3595, () -> leaseStatus().equals("PAUSED"));

        JsonNode paused = traffic.awaitOnePublished(EventType.LEASE_PAUSED, jobId.toString(), any -> true);
        assertSameShapeAsExample(EventType.LEASE_PAUSED, paused);
        assertThat(paused.get("leaseId").asString()).isEqualTo(leaseId.toString());
        assertThat(paused.get("shortfall").asString()).isEqualTo("3595000000000000000");
        assertThat(Instant.parse(paused.get("pausedAt").asString())).isEqualTo(awardedAt.plusSeconds(3595));
        assertThat(Instant.parse(paused.get("graceEndsAt").asString())).isEqualTo(awardedAt.plusSeconds(4195));

        deposit(consumer, "5");
        meterUntil(3700, () -> leaseStatus().equals("FUNDED"));

        JsonNode resumed = traffic.awaitOnePublished(EventType.LEASE_RESUMED, jobId.toString(), any -> true);
        assertSameShapeAsExample(EventType.LEASE_RESUMED, resumed);
        assertThat(escrow()).as("funded an hour ahead again").isGreaterThanOrEqualTo(tokens("3.5"));
        assertThat(earned()).isEqualTo(tokens("3.595"));
    }

    @Test
    void lapsesAPausedLeaseWhenItsGracePeriodEndsPayingWhatWasEarned() {
        runTwoHourLeaseThenSpendTheRest();
        meterUntil(3595, () -> leaseStatus().equals("PAUSED"));

        meterUntil(4194, () -> true);
        assertThat(leaseStatus()).as("still within its grace period").isEqualTo("PAUSED");
        meterUntil(4195, () -> leaseStatus().equals("LAPSED"));

        JsonNode lapsed = traffic.awaitOnePublished(EventType.LEASE_FUNDING_LAPSED, jobId.toString(), any -> true);
        assertSameShapeAsExample(EventType.LEASE_FUNDING_LAPSED, lapsed);
        assertThat(Instant.parse(lapsed.get("pausedAt").asString())).isEqualTo(awardedAt.plusSeconds(3595));
        assertThat(Instant.parse(lapsed.get("lapsedAt").asString())).isEqualTo(awardedAt.plusSeconds(4195));
        JsonNode settled = traffic.awaitOnePublished(EventType.SETTLEMENT_RECORDED, jobId.toString(), any -> true);
        assertThat(settled.get("outcome").asString()).isEqualTo("LAPSED");
        assertThat(settled.get("providerPayout").asString()).isEqualTo("3505125000000000000");
        assertThat(settled.get("protocolFee").asString()).isEqualTo("89875000000000000");
        assertThat(settled.get("consumerRefund").asString()).isEqualTo("5000000000000000");

        // A verdict arriving after the lapse changes nothing: the lease was settled when it lapsed.
        UUID lateVerdict = traffic.publish(EventType.WORK_VERIFIED, jobId.toString(), MarketEventTraffic.example(
                EventType.WORK_VERIFIED, payload -> payload.put("leaseId", leaseId.toString())
                        .put("jobId", jobId.toString()).put("provider", provider)));
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessed(lateVerdict));
        assertThat(available(provider)).isEqualTo(new BigInteger("3505125000000000000"));
        assertThat(jdbc.sql("select count(*) from settlement where lease_id = ?").param(leaseId)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void silenceDuringAPauseIsNotDowntime() {
        runTwoHourLeaseThenSpendTheRest();
        meterUntil(3595, () -> leaseStatus().equals("PAUSED"));

        // The provider, told by the pause to stop, was silent from 3500 s until 3700 s: matching reports all of it,
        // but only the 95 s before the pause were downtime (the paused seconds earn nothing anyway).
        traffic.publish(EventType.LEASE_DOWNTIME_RECORDED, jobId.toString(), MarketEventTraffic.example(
                EventType.LEASE_DOWNTIME_RECORDED, payload -> payload.put("leaseId", leaseId.toString())
                        .put("jobId", jobId.toString()).put("consumer", consumer).put("provider", provider)
                        .put("downtimeStartedAt", awardedAt.plusSeconds(3500).toString())
                        .put("downtimeEndedAt", awardedAt.plusSeconds(3700).toString())));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from lease_downtime where lease_id = ?").param(leaseId).query(Integer.class)
                .single() == 1);
        assertThat(jdbc.sql("select seconds from lease_downtime where lease_id = ?").param(leaseId)
                .query(Long.class).single()).isEqualTo(95);
        // Their 0.095 is refunded as far as the escrow still holds it (0.005; the 3.595 earned stays earned).
        assertThat(jdbc.sql("select refunded from lease_downtime where lease_id = ?").param(leaseId)
                .query(BigDecimal.class).single().toBigIntegerExact()).isEqualTo(tokens("0.005"));

        meterUntil(4195, () -> leaseStatus().equals("LAPSED"));

        // Earned: 3595 s run less 95 s down = 3500 s, 3.5 tokens; fee 0.0875; the other 0.095 goes back.
        JsonNode settled = traffic.awaitOnePublished(EventType.SETTLEMENT_RECORDED, jobId.toString(), any -> true);
        assertThat(settled.get("outcome").asString()).isEqualTo("LAPSED");
        assertThat(settled.get("providerPayout").asString()).isEqualTo("3412500000000000000");
        assertThat(settled.get("protocolFee").asString()).isEqualTo("87500000000000000");
        assertThat(settled.get("consumerRefund").asString()).isEqualTo("95000000000000000");
        assertThat(available(consumer)).isEqualTo(tokens("0.1"));
    }

    @Test
    void aLeaseItsProviderLostGoesBackToTheConsumerWholeAndALateVerdictPaysNothing() {
        runOneHourLease("10");
        meterUntil(600, () -> earned().equals(tokens("0.6")));

        traffic.publish(EventType.LEASE_CLOSED, jobId.toString(), MarketEventTraffic.example(EventType.LEASE_CLOSED,
                payload -> payload.put("leaseId", leaseId.toString()).put("jobId", jobId.toString())
                        .put("provider", provider).put("reason", "HEARTBEAT_LOST")
                        .put("closedAt", awardedAt.plusSeconds(600).toString())));

        JsonNode settled = traffic.awaitOnePublished(EventType.SETTLEMENT_RECORDED, jobId.toString(), any -> true);
        assertThat(settled.get("outcome").asString()).isEqualTo("REFUNDED");
        assertThat(settled.get("providerPayout").asString()).isEqualTo("0");
        assertThat(settled.get("consumerRefund").asString()).isEqualTo(tokens("3.6").toString());
        assertThat(available(consumer)).isEqualTo(tokens("10"));
        assertThat(escrow().add(earned())).isZero();

        UUID lateVerdict = traffic.publish(EventType.WORK_VERIFIED, jobId.toString(), MarketEventTraffic.example(
                EventType.WORK_VERIFIED, payload -> payload.put("leaseId", leaseId.toString())
                        .put("jobId", jobId.toString()).put("provider", provider)));
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessed(lateVerdict));
        assertThat(available(provider)).isZero();
    }

    /** A one-replica, one-hour job at 3.6 tokens an hour, its lease awarded at that price now. */
    private void runOneHourLease(String deposit) {
        deposit(consumer, deposit);
        postJobAndAward(jobId, leaseId, 3600);
        await().atMost(Duration.ofSeconds(30)).until(() -> escrow().equals(tokens("3.6")));
    }

    /**
     * A two-hour lease funded an hour ahead (3.6 of its 7.2 tokens); the consumer then holds the other 3.6 for
     * another job, so nothing is left to top the lease up with.
     */
    private void runTwoHourLeaseThenSpendTheRest() {
        deposit(consumer, "7.2");
        postJobAndAward(jobId, leaseId, 7200);
        await().atMost(Duration.ofSeconds(30)).until(() -> escrow().equals(tokens("3.6"))
                && available(consumer).equals(tokens("3.6")));
        UUID otherJob = UUID.randomUUID();
        traffic.publish(EventType.JOB_POSTED, otherJob.toString(), MarketEventTraffic.example(EventType.JOB_POSTED,
                payload -> payload.put("jobId", otherJob.toString()).put("consumer", consumer)
                        .put("maxPricePerHour", PRICE_PER_HOUR).put("durationSeconds", 3600).put("replicas", 1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> available(consumer).signum() == 0);
    }

    private void postJobAndAward(UUID job, UUID lease, long durationSeconds) {
        traffic.publish(EventType.JOB_POSTED, job.toString(), MarketEventTraffic.example(EventType.JOB_POSTED,
                payload -> payload.put("jobId", job.toString()).put("consumer", consumer)
                        .put("maxPricePerHour", PRICE_PER_HOUR).put("durationSeconds", durationSeconds)
                        .put("replicas", 1)));
        // As matching does: an award before the hold (another topic, another consumer) is retried, then dead-lettered.
        traffic.awaitOnePublished(EventType.FUNDS_HELD, job.toString(), any -> true);
        traffic.publish(EventType.LEASE_AWARDED, job.toString(), MarketEventTraffic.example(EventType.LEASE_AWARDED,
                payload -> payload.put("leaseId", lease.toString()).put("jobId", job.toString())
                        .put("consumer", consumer).put("provider", provider).put("pricePerHour", PRICE_PER_HOUR)
                        .put("durationSeconds", durationSeconds).put("leasesInAward", 1).put("replicas", 1)
                        .put("awardedAt", awardedAt.toString())));
    }

    /** Runs metering passes at {@code seconds} after the award until {@code done}. */
    private void meterUntil(long seconds, java.util.concurrent.Callable<Boolean> done) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            metering.meterDueLeases(awardedAt.plusSeconds(seconds));
            return done.call();
        });
    }

    private void deposit(String account, String whole) {
        BigInteger before = available(account);
        traffic.publish(EventType.DEPOSIT_CONFIRMED, account, MarketEventTraffic.example(
                EventType.DEPOSIT_CONFIRMED, payload -> payload.put("account", account)
                        .put("amount", tokens(whole).toString()).put("txHash", TestParties.newTxHash())));
        await().atMost(Duration.ofSeconds(30)).until(() -> available(account).equals(before.add(tokens(whole))));
    }

    private String leaseStatus() {
        return jdbc.sql("select status from lease_escrow where lease_id = ?").param(leaseId).query(String.class)
                .single();
    }

    private boolean isProcessed(UUID eventId) {
        // Other listeners (stake) record the same event under their own consumer name.
        return jdbc.sql("select count(*) from processed_event where consumer = ? and event_id = ?")
                .params(FundingEventsListener.CONSUMER_NAME, eventId).query(Integer.class).single() == 1;
    }

    private BigInteger escrow() {
        return ledger.balanceOf(AccountRef.leaseEscrow(leaseId));
    }

    private BigInteger earned() {
        return ledger.balanceOf(AccountRef.leaseEarned(leaseId));
    }

    private BigInteger available(String address) {
        return ledger.balanceOf(AccountRef.available(address));
    }

    private static BigInteger tokens(String whole) {
        return new BigDecimal(whole).movePointRight(18).toBigIntegerExact();
    }

    private static void assertSameShapeAsExample(EventType type, JsonNode emitted) {
        JsonNode example = MarketEventTraffic.JSON.readTree(EventExamples.json(type));
        List<String> emittedFields = new ArrayList<>();
        emitted.propertyNames().forEach(emittedFields::add);
        List<String> exampleFields = new ArrayList<>();
        example.propertyNames().forEach(exampleFields::add);
        assertThat(emittedFields).containsExactlyInAnyOrderElementsOf(exampleFields);
    }
}
