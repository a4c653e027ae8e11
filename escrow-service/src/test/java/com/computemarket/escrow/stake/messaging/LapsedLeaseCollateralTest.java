package com.computemarket.escrow.stake.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.MarketEventTraffic;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.funding.application.LeaseMetering;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.stake.application.StakeQueries;
import com.computemarket.events.EventType;
import com.computemarket.events.Topics;
import com.computemarket.testsupport.TestTokens;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.node.ObjectNode;

/**
 * A lease that lapsed (its consumer's funds ran out and the grace period ended: escrow paid the provider what it
 * earned until the pause, matching closes it INSUFFICIENT_FUNDS) keeps no collateral and is never slashed by a
 * WorkRejected that comes afterwards, whichever of the close and the rejection the stake listener sees first:
 * verification still takes results for such a lease, but funding ignores its verdict, and so does collateral.
 * A two-hour lease at 3.6 tokens an hour is worth 7.2 tokens; 10 % of it, 0.72 tokens, is locked at its award.
 */
@EscrowIntegrationTest
class LapsedLeaseCollateralTest {

    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    private static final BigInteger BONDED = TOKEN.multiply(BigInteger.valueOf(100));
    private static final String PRICE_PER_HOUR = "3600000000000000000";
    private static MarketEventTraffic traffic;

    @Autowired
    LeaseMetering metering;
    @Autowired
    StakeQueries stakes;
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

    @BeforeEach
    void aBondedProviderRunsALeaseThatLapses() throws Exception {
        deposit(provider, BONDED);
        mvc.perform(post("/api/v1/accounts/me/stake").header("Authorization", TestTokens.bearer(provider))
                .contentType(MediaType.APPLICATION_JSON).content("{\"amount\":\"" + BONDED + "\"}"))
                .andExpect(status().isOk());
        // The consumer can fund the first hour only: the second hour's top-up never comes.
        deposit(consumer, TOKEN.multiply(BigInteger.valueOf(72)).divide(BigInteger.TEN));
        traffic.publish(EventType.JOB_POSTED, jobId.toString(), MarketEventTraffic.example(EventType.JOB_POSTED,
                payload -> payload.put("jobId", jobId.toString()).put("consumer", consumer)
                        .put("maxPricePerHour", PRICE_PER_HOUR).put("durationSeconds", 7200).put("replicas", 1)));
        // As matching does: an award before the hold (another topic, another consumer) is retried, then dead-lettered.
        traffic.awaitOnePublished(EventType.FUNDS_HELD, jobId.toString(), any -> true);
        traffic.publish(EventType.LEASE_AWARDED, jobId.toString(), MarketEventTraffic.example(EventType.LEASE_AWARDED,
                payload -> payload.put("leaseId", leaseId.toString()).put("jobId", jobId.toString())
                        .put("consumer", consumer).put("provider", provider).put("pricePerHour", PRICE_PER_HOUR)
                        .put("durationSeconds", 7200).put("leasesInAward", 1).put("replicas", 1)
                        .put("awardedAt", awardedAt.toString())));
        BigInteger collateral = new BigInteger("720000000000000000");
        await().atMost(Duration.ofSeconds(30)).until(() -> stakes.statusOf(provider).lockedCollateral()
                .equals(collateral) && ledger.balanceOf(AccountRef.leaseEscrow(leaseId)).signum() > 0);
        UUID otherJob = UUID.randomUUID();
        traffic.publish(EventType.JOB_POSTED, otherJob.toString(), MarketEventTraffic.example(EventType.JOB_POSTED,
                payload -> payload.put("jobId", otherJob.toString()).put("consumer", consumer)
                        .put("maxPricePerHour", PRICE_PER_HOUR).put("durationSeconds", 3600).put("replicas", 1)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ledger.balanceOf(AccountRef.available(consumer)).signum() == 0);
        meterUntil(3595, "PAUSED");
        meterUntil(4195, "LAPSED");
    }

    @Test
    void theCloseReleasesTheWholeCollateralAndALaterRejectionSlashesNothing() {
        UUID close = traffic.publish(EventType.LEASE_CLOSED, jobId.toString(), closedForInsufficientFunds());
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessedByStake(close));
        assertThat(stakes.statusOf(provider).lockedCollateral()).isZero();

        UUID rejection = traffic.publish(EventType.WORK_REJECTED, jobId.toString(), rejected());
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessedByStake(rejection));

        assertNeitherSlashedNorLocked("LEASE_CLOSED_INSUFFICIENT_FUNDS");
    }

    @Test
    void aRejectionBeforeTheCloseReleasesTheWholeCollateralWithoutASlash() {
        UUID rejection = traffic.publish(EventType.WORK_REJECTED, jobId.toString(), rejected());
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessedByStake(rejection));
        assertNeitherSlashedNorLocked("WORK_REJECTED_AFTER_SETTLEMENT");

        UUID close = traffic.publish(EventType.LEASE_CLOSED, jobId.toString(), closedForInsufficientFunds());
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessedByStake(close));

        assertNeitherSlashedNorLocked("WORK_REJECTED_AFTER_SETTLEMENT");
    }

    private void assertNeitherSlashedNorLocked(String releaseReason) {
        assertThat(stakes.statusOf(provider).slashes()).isEmpty();
        assertThat(stakes.statusOf(provider).lockedCollateral()).isZero();
        assertThat(stakes.statusOf(provider).free()).isEqualTo(BONDED);
        assertThat(jdbc.sql("select release_reason from lease_collateral where lease_id = ?").param(leaseId)
                .query(String.class).single()).isEqualTo(releaseReason);
    }

    private ObjectNode closedForInsufficientFunds() {
        return MarketEventTraffic.example(EventType.LEASE_CLOSED, payload -> payload
                .put("leaseId", leaseId.toString()).put("jobId", jobId.toString()).put("provider", provider)
                .put("reason", "INSUFFICIENT_FUNDS").put("closedAt", awardedAt.plusSeconds(4195).toString()));
    }

    private ObjectNode rejected() {
        return MarketEventTraffic.example(EventType.WORK_REJECTED, payload -> payload
                .put("leaseId", leaseId.toString()).put("jobId", jobId.toString()).put("provider", provider)
                .put("reason", "COMMITMENT_MISMATCH"));
    }

    private void meterUntil(long seconds, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            metering.meterDueLeases(awardedAt.plusSeconds(seconds));
            return jdbc.sql("select status from lease_escrow where lease_id = ?").param(leaseId)
                    .query(String.class).single().equals(status);
        });
    }

    private void deposit(String account, BigInteger amount) {
        BigInteger before = ledger.balanceOf(AccountRef.available(account));
        traffic.publish(EventType.DEPOSIT_CONFIRMED, account, MarketEventTraffic.example(
                EventType.DEPOSIT_CONFIRMED, payload -> payload.put("account", account)
                        .put("amount", amount.toString()).put("txHash", TestParties.newTxHash())));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ledger.balanceOf(AccountRef.available(account)).equals(before.add(amount)));
    }

    private boolean isProcessedByStake(UUID eventId) {
        return jdbc.sql("select count(*) from processed_event where consumer = 'escrow-service-stake' and event_id = ?")
                .param(eventId).query(Integer.class).single() == 1;
    }
}
