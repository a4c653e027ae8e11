package com.computemarket.escrow.funding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.MarketEventTraffic;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.accounts.application.AccountQueries;
import com.computemarket.escrow.funding.application.LeaseMetering;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.events.EventType;
import com.computemarket.events.Topics;
import com.computemarket.testsupport.TestTokens;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Callable;
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
 * A consumer's cancel as escrow sees it, through the real broker and database: JobCancelled releases what the job
 * still holds for auctions, once; each lease matching closed for the cancel is settled on what it earned until then,
 * less the fee, once; and events that cross the cancel (a late award, a late verdict, redeliveries) move nothing.
 * Prices of 3.6 tokens an hour make a second worth a thousandth of a token.
 */
@EscrowIntegrationTest
class JobCancellationFlowTest {

    private static final String PRICE_PER_HOUR = "3600000000000000000";
    private static MarketEventTraffic traffic;

    @Autowired
    AccountQueries accounts;
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
    void releasesTheHoldOnceAndFundsNoAwardThatCrossedTheCancel() throws Exception {
        deposit("10");
        traffic.publish(EventType.JOB_POSTED, jobId.toString(), jobPosted(2));
        traffic.awaitOnePublished(EventType.FUNDS_HELD, jobId.toString(), any -> true);
        assertThat(available(consumer)).isEqualTo(tokens("2.8"));

        ObjectNode cancelled = jobCancelled(awardedAt);
        UUID cancelEventId = traffic.publish(EventType.JOB_CANCELLED, jobId.toString(), cancelled);
        await().atMost(Duration.ofSeconds(30)).until(() -> available(consumer).equals(tokens("10")));
        assertThat(accounts.overviewOf(consumer).held()).isZero();

        // The broker redelivers the cancel, and matching announces it again under a new event id.
        traffic.publish(EventType.JOB_CANCELLED, jobId.toString(), cancelled, cancelEventId);
        UUID reEmitted = traffic.publish(EventType.JOB_CANCELLED, jobId.toString(), cancelled);
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessed(reEmitted));
        assertThat(available(consumer)).isEqualTo(tokens("10"));

        // An award decided just before the cancel arrives after it (another topic), then the lease's cancel close.
        UUID lateAward = traffic.publish(EventType.LEASE_AWARDED, jobId.toString(), leaseAwarded(2));
        UUID lateClose = traffic.publish(EventType.LEASE_CLOSED, jobId.toString(), leaseClosed(awardedAt));
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessed(lateAward) && isProcessed(lateClose));
        assertThat(jdbc.sql("select count(*) from lease_escrow where lease_id = ?").param(leaseId)
                .query(Integer.class).single()).isZero();
        assertThat(available(consumer)).isEqualTo(tokens("10"));
        assertThat(outboxCount("LeaseFunded")).isZero();
        assertThat(outboxCount("SettlementRecorded")).isZero();

        mvc.perform(get("/api/v1/ledger/jobs/{jobId}", jobId).header("Authorization", TestTokens.bearer(consumer)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.holdStatus").value("CANCELLED"))
                .andExpect(jsonPath("$.transfers[*].kind").value(Matchers.contains("HOLD", "HOLD_RELEASE")));
    }

    @Test
    void settlesARunningLeaseOnWhatItEarnedUntilTheCancelOnce() throws Exception {
        deposit("10");
        traffic.publish(EventType.JOB_POSTED, jobId.toString(), jobPosted(1));
        traffic.awaitOnePublished(EventType.FUNDS_HELD, jobId.toString(), any -> true);
        traffic.publish(EventType.LEASE_AWARDED, jobId.toString(), leaseAwarded(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> escrow().equals(tokens("3.6")));
        // A metering pass runs to 600 s before the close (at 300 s) reaches escrow.
        meterUntil(600, () -> earned().equals(tokens("0.6")));

        Instant cancelledAt = awardedAt.plusSeconds(300);
        UUID cancel = traffic.publish(EventType.JOB_CANCELLED, jobId.toString(), jobCancelled(cancelledAt));
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessed(cancel));
        assertThat(available(consumer)).as("the award used the whole hold: nothing to release")
                .isEqualTo(tokens("6.4"));
        ObjectNode closed = leaseClosed(cancelledAt);
        UUID closeEventId = traffic.publish(EventType.LEASE_CLOSED, jobId.toString(), closed);

        // 300 s earned 0.3; 2.5 % of it is the fee; the other 3.3 the lease held goes back.
        JsonNode settled = traffic.awaitOnePublished(EventType.SETTLEMENT_RECORDED, jobId.toString(), any -> true);
        assertThat(settled.get("leaseId").asString()).isEqualTo(leaseId.toString());
        assertThat(settled.get("outcome").asString()).isEqualTo("CANCELLED");
        assertThat(settled.get("providerPayout").asString()).isEqualTo("292500000000000000");
        assertThat(settled.get("protocolFee").asString()).isEqualTo("7500000000000000");
        assertThat(settled.get("consumerRefund").asString()).isEqualTo("3300000000000000000");
        assertThat(available(provider)).isEqualTo(new BigInteger("292500000000000000"));
        assertThat(available(consumer)).isEqualTo(tokens("9.7"));
        assertThat(escrow().add(earned())).isZero();

        // Redelivered and re-emitted closes, and a verdict arriving after the cancel, move nothing.
        traffic.publish(EventType.LEASE_CLOSED, jobId.toString(), closed, closeEventId);
        UUID reEmitted = traffic.publish(EventType.LEASE_CLOSED, jobId.toString(), closed);
        UUID lateVerdict = traffic.publish(EventType.WORK_VERIFIED, jobId.toString(), MarketEventTraffic.example(
                EventType.WORK_VERIFIED, payload -> payload.put("leaseId", leaseId.toString())
                        .put("jobId", jobId.toString()).put("provider", provider)));
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessed(reEmitted) && isProcessed(lateVerdict));
        assertThat(available(provider)).isEqualTo(new BigInteger("292500000000000000"));
        assertThat(available(consumer)).isEqualTo(tokens("9.7"));
        assertThat(jdbc.sql("select count(*) from settlement where lease_id = ?").param(leaseId)
                .query(Integer.class).single()).isEqualTo(1);

        mvc.perform(get("/api/v1/ledger/jobs/{jobId}", jobId).header("Authorization", TestTokens.bearer(consumer)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.leases[0].status").value("CANCELLED"))
                .andExpect(jsonPath("$.leases[0].billableSeconds").value(300))
                .andExpect(jsonPath("$.transfers[*].kind").value(Matchers.hasItem("SETTLEMENT_CANCEL")));
    }

    @Test
    void meteringStopsAtAKnownCancelAndAVerdictThatCrossedTheCloseSettlesUpToTheCancelOnce() {
        deposit("10");
        traffic.publish(EventType.JOB_POSTED, jobId.toString(), jobPosted(1));
        traffic.awaitOnePublished(EventType.FUNDS_HELD, jobId.toString(), any -> true);
        traffic.publish(EventType.LEASE_AWARDED, jobId.toString(), leaseAwarded(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> escrow().equals(tokens("3.6")));
        meterUntil(600, () -> earned().equals(tokens("0.6")));
        assertThat(escrow()).isEqualTo(tokens("3.0"));

        Instant cancelledAt = awardedAt.plusSeconds(300);
        UUID cancel = traffic.publish(EventType.JOB_CANCELLED, jobId.toString(), jobCancelled(cancelledAt));
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessed(cancel));

        // The lease's close is still on its way: a metering pass now earns, tops up and pauses nothing.
        metering.meterDueLeases(awardedAt.plusSeconds(1200));
        assertThat(earned()).isEqualTo(tokens("0.6"));
        assertThat(escrow()).isEqualTo(tokens("3.0"));
        assertThat(outboxCount("LeasePaused")).isZero();

        // Verification judged the result before it heard of the cancel; escrow gets the verdict before the close.
        UUID verdict = traffic.publish(EventType.WORK_VERIFIED, jobId.toString(), MarketEventTraffic.example(
                EventType.WORK_VERIFIED, payload -> payload.put("leaseId", leaseId.toString())
                        .put("jobId", jobId.toString()).put("provider", provider)));
        JsonNode settled = traffic.awaitOnePublished(EventType.SETTLEMENT_RECORDED, jobId.toString(), any -> true);
        assertThat(isProcessed(verdict)).isTrue();
        // Exactly what the close would have settled: 300 s earned 0.3, 2.5 % fee, the other 3.3 back.
        assertThat(settled.get("outcome").asString()).isEqualTo("CANCELLED");
        assertThat(settled.get("providerPayout").asString()).isEqualTo("292500000000000000");
        assertThat(settled.get("protocolFee").asString()).isEqualTo("7500000000000000");
        assertThat(settled.get("consumerRefund").asString()).isEqualTo("3300000000000000000");

        UUID close = traffic.publish(EventType.LEASE_CLOSED, jobId.toString(), leaseClosed(cancelledAt));
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessed(close));
        assertThat(available(provider)).isEqualTo(new BigInteger("292500000000000000"));
        assertThat(available(consumer)).isEqualTo(tokens("9.7"));
        assertThat(escrow().add(earned())).isZero();
        assertThat(jdbc.sql("select count(*) from settlement where lease_id = ?").param(leaseId)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void settlesALeaseClosedAfterItsLastMeteringUpToTheClose() {
        deposit("10");
        traffic.publish(EventType.JOB_POSTED, jobId.toString(), jobPosted(1));
        traffic.awaitOnePublished(EventType.FUNDS_HELD, jobId.toString(), any -> true);
        traffic.publish(EventType.LEASE_AWARDED, jobId.toString(), leaseAwarded(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> escrow().equals(tokens("3.6")));
        meterUntil(600, () -> earned().equals(tokens("0.6")));

        traffic.publish(EventType.LEASE_CLOSED, jobId.toString(), leaseClosed(awardedAt.plusSeconds(900)));

        // 900 s earned 0.9: 0.0225 fee, 0.8775 to the provider, 2.7 back.
        JsonNode settled = traffic.awaitOnePublished(EventType.SETTLEMENT_RECORDED, jobId.toString(), any -> true);
        assertThat(settled.get("outcome").asString()).isEqualTo("CANCELLED");
        assertThat(settled.get("providerPayout").asString()).isEqualTo("877500000000000000");
        assertThat(settled.get("protocolFee").asString()).isEqualTo("22500000000000000");
        assertThat(settled.get("consumerRefund").asString()).isEqualTo("2700000000000000000");
        assertThat(available(consumer)).isEqualTo(tokens("9.1"));
    }

    private void deposit(String whole) {
        traffic.publish(EventType.DEPOSIT_CONFIRMED, consumer, MarketEventTraffic.example(
                EventType.DEPOSIT_CONFIRMED, payload -> payload.put("account", consumer)
                        .put("amount", tokens(whole).toString()).put("txHash", TestParties.newTxHash())));
        await().atMost(Duration.ofSeconds(30)).until(() -> available(consumer).equals(tokens(whole)));
    }

    private ObjectNode jobPosted(int replicas) {
        return MarketEventTraffic.example(EventType.JOB_POSTED, payload -> payload
                .put("jobId", jobId.toString()).put("consumer", consumer).put("maxPricePerHour", PRICE_PER_HOUR)
                .put("durationSeconds", 3600).put("replicas", replicas));
    }

    private ObjectNode jobCancelled(Instant cancelledAt) {
        return MarketEventTraffic.example(EventType.JOB_CANCELLED, payload -> payload
                .put("jobId", jobId.toString()).put("consumer", consumer).put("cancelledAt", cancelledAt.toString()));
    }

    private ObjectNode leaseAwarded(int leasesInAward) {
        return MarketEventTraffic.example(EventType.LEASE_AWARDED, payload -> payload
                .put("leaseId", leaseId.toString()).put("jobId", jobId.toString()).put("consumer", consumer)
                .put("provider", provider).put("pricePerHour", PRICE_PER_HOUR).put("durationSeconds", 3600)
                .put("leasesInAward", leasesInAward).put("replicas", leasesInAward)
                .put("awardedAt", awardedAt.toString()));
    }

    private ObjectNode leaseClosed(Instant closedAt) {
        return MarketEventTraffic.example(EventType.LEASE_CLOSED, payload -> payload
                .put("leaseId", leaseId.toString()).put("jobId", jobId.toString()).put("provider", provider)
                .put("reason", "CONSUMER_CANCELLED").put("closedAt", closedAt.toString()));
    }

    /** Runs metering passes at {@code seconds} after the award until {@code done}. */
    private void meterUntil(long seconds, Callable<Boolean> done) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            metering.meterDueLeases(awardedAt.plusSeconds(seconds));
            return done.call();
        });
    }

    private boolean isProcessed(UUID eventId) {
        return jdbc.sql("select count(*) from processed_event where consumer = ? and event_id = ?")
                .params(FundingEventsListener.CONSUMER_NAME, eventId).query(Integer.class).single() == 1;
    }

    private long outboxCount(String eventType) {
        return jdbc.sql("select count(*) from outbox_event where event_type = ? and message_key = ?")
                .params(eventType, jobId.toString()).query(Long.class).single();
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
}
