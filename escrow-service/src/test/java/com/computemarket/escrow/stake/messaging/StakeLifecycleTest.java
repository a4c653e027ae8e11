package com.computemarket.escrow.stake.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.MarketEventTraffic;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.accounts.application.DepositService;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.Posting;
import com.computemarket.escrow.ledger.model.Transfer;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.stake.application.StakeQueries;
import com.computemarket.escrow.stake.application.StakeStatus;
import com.computemarket.escrow.stake.application.UnbondingService;
import com.computemarket.escrow.stake.model.SlashCause;
import com.computemarket.escrow.stake.model.SlashRecord;
import com.computemarket.events.DepositConfirmed;
import com.computemarket.events.EventType;
import com.computemarket.events.Topics;
import com.computemarket.testsupport.TestTokens;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Provider stake through the real broker and the REST surface: collateral locked at award (10 % of the lease's
 * value), unbonding that cannot reach it, "Proportional Slash v1" on a rejected result (50 % of the collateral) and on
 * a lost lease (25 %), each split half to the consumer and half to slashed funds, release of the rest, and the
 * unbonded stake returning to the available balance after the cooldown (7 days).
 */
@EscrowIntegrationTest
class StakeLifecycleTest {

    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);
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
    StakeQueries stakes;
    @Autowired
    UnbondingService unbondings;
    @Autowired
    JdbcClient jdbc;

    private final String consumer = TestParties.newAddress();
    private final String rejected = TestParties.newAddress();
    private final String lost = TestParties.newAddress();
    private final String verified = TestParties.newAddress();
    private final UUID jobId = UUID.randomUUID();
    private final UUID rejectedLease = UUID.randomUUID();
    private final UUID lostLease = UUID.randomUUID();
    private final UUID verifiedLease = UUID.randomUUID();

    @BeforeAll
    static void connect() {
        traffic = new MarketEventTraffic(Topics.ESCROW_HOLDS, Topics.ESCROW_LEASES, Topics.ESCROW_STAKES);
    }

    @AfterAll
    static void disconnect() {
        traffic.close();
    }

    @Test
    void locksCollateralAtAwardSlashesFaultsWithEvidenceAndReleasesTheRest() throws Exception {
        for (String provider : List.of(rejected, lost, verified)) {
            deposit(provider, tokens(1000));
            bond(provider, "100000000000000000000").andExpect(status().isOk());
        }
        deposit(consumer, tokens(5000));
        traffic.publish(EventType.JOB_POSTED, jobId.toString(), MarketEventTraffic.example(EventType.JOB_POSTED,
                payload -> payload.put("jobId", jobId.toString()).put("consumer", consumer)
                        .put("maxPricePerHour", "2000000000000000000").put("durationSeconds", 3600)
                        .put("replicas", 3)));
        traffic.awaitOnePublished(EventType.FUNDS_HELD, jobId.toString(), any -> true);
        // lease values 1.5, 1.2 and 1.0 tokens: collateral 0.15, 0.12 and 0.10 tokens
        award(rejectedLease, rejected, "1500000000000000000");
        award(lostLease, lost, "1200000000000000000");
        award(verifiedLease, verified, "1000000000000000000");
        traffic.awaitPublished(EventType.LEASE_FUNDED, jobId.toString(), 3, any -> true);
        await().atMost(Duration.ofSeconds(30)).until(() -> stakes.statusOf(verified).lockedCollateral().signum() > 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> stakes.statusOf(lost).lockedCollateral().signum() > 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> stakes.statusOf(rejected).lockedCollateral().signum() > 0);
        mvc.perform(get("/api/v1/accounts/me/stake").header("Authorization", TestTokens.bearer(rejected)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.free").value("99850000000000000000"))
                .andExpect(jsonPath("$.lockedCollateral").value("150000000000000000"))
                .andExpect(jsonPath("$.unbonding").value("0"))
                .andExpect(jsonPath("$.totalBonded").value("100000000000000000000"));

        // Unbonding reaches only the free stake, never the collateral the lease locked.
        unbond(rejected, "99900000000000000000", null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/insufficient-stake"))
                .andExpect(jsonPath("$.field").value("amount"));
        String first = unbond(rejected, "40000000000000000000", "unbond-1")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UNBONDING"))
                .andExpect(jsonPath("$.totalBonded").value("60000000000000000000"))
                .andReturn().getResponse().getContentAsString();
        assertThat(unbond(rejected, "40000000000000000000", "unbond-1").andReturn().getResponse()
                .getContentAsString()).isEqualTo(first);
        JsonNode unbondingEvent = traffic.awaitOnePublished(EventType.STAKE_REDUCED, rejected,
                event -> event.get("cause").asString().equals("UNBONDING"));
        assertThat(unbondingEvent.get("amount").asString()).isEqualTo("40000000000000000000");
        assertThat(unbondingEvent.get("totalBonded").asString()).isEqualTo("60000000000000000000");
        assertThat(unbondingEvent.get("leaseId").isNull()).isTrue();

        // Rejected result: 50 % of 0.15 = 0.075 slashed, 0.0375 to the consumer, 0.0375 to slashed funds.
        BigInteger slashedFundsBefore = ledger.balanceOf(AccountRef.slashedFunds());
        ObjectNode workRejected = MarketEventTraffic.example(EventType.WORK_REJECTED, payload -> payload
                .put("leaseId", rejectedLease.toString()).put("jobId", jobId.toString()).put("provider", rejected));
        UUID rejectionId = traffic.publish(EventType.WORK_REJECTED, jobId.toString(), workRejected);
        JsonNode slashed = traffic.awaitOnePublished(EventType.STAKE_REDUCED, rejected,
                event -> event.get("cause").asString().equals("SLASHED"));
        assertThat(slashed.get("amount").asString()).isEqualTo("75000000000000000");
        assertThat(slashed.get("totalBonded").asString()).isEqualTo("59925000000000000000");
        assertThat(slashed.get("leaseId").asString()).isEqualTo(rejectedLease.toString());
        Transfer slash = slashTransfer(rejectedLease);
        assertThat(slash.postings()).containsExactlyInAnyOrder(
                Posting.debit(AccountRef.stakeLocked(rejected), new BigInteger("75000000000000000")),
                Posting.credit(AccountRef.available(consumer), new BigInteger("37500000000000000")),
                Posting.credit(AccountRef.slashedFunds(), new BigInteger("37500000000000000")));
        assertThat(ledger.balanceOf(AccountRef.slashedFunds()).subtract(slashedFundsBefore))
                .isEqualTo(new BigInteger("37500000000000000"));
        StakeStatus afterRejection = stakes.statusOf(rejected);
        assertThat(afterRejection.lockedCollateral()).isZero();
        assertThat(afterRejection.free()).isEqualTo(new BigInteger("59925000000000000000"));
        assertThat(afterRejection.unbonding()).isEqualTo(tokens(40));
        SlashRecord evidence = afterRejection.slashes().getFirst();
        assertThat(evidence.transferId()).isEqualTo(slash.id());
        assertThat(evidence.cause()).isEqualTo(SlashCause.WORK_REJECTED);
        assertThat(evidence.policy()).isEqualTo("proportional-slash-v1");
        assertThat(evidence.evidenceEventId()).isEqualTo(rejectionId);
        assertThat(evidence.evidence()).startsWith("WorkRejected OUTVOTED: ")
                .endsWith(workRejected.get("evidence").asString());

        // The same verdict again (redelivered, or reported under a new event id) slashes nothing more.
        traffic.publish(EventType.WORK_REJECTED, jobId.toString(), workRejected, rejectionId);
        UUID reportedAgain = traffic.publish(EventType.WORK_REJECTED, jobId.toString(), workRejected);
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessedByStake(reportedAgain));
        assertThat(stakes.statusOf(rejected).free()).isEqualTo(new BigInteger("59925000000000000000"));
        assertThat(stakes.statusOf(rejected).slashes()).hasSize(1);

        // Lost lease: 25 % of 0.12 = 0.03 slashed (0.015 each way), the other 0.09 back to the free stake.
        UUID closeId = traffic.publish(EventType.LEASE_CLOSED, jobId.toString(), closed(lostLease, lost,
                "HEARTBEAT_LOST"));
        await().atMost(Duration.ofSeconds(30)).until(() -> stakes.statusOf(lost).lockedCollateral().signum() == 0);
        StakeStatus afterLoss = stakes.statusOf(lost);
        assertThat(afterLoss.free()).isEqualTo(new BigInteger("99970000000000000000"));
        assertThat(afterLoss.slashes()).singleElement().satisfies(record -> {
            assertThat(record.cause()).isEqualTo(SlashCause.LEASE_LOST);
            assertThat(record.share().toConsumer()).isEqualTo(new BigInteger("15000000000000000"));
            assertThat(record.share().toSlashedFunds()).isEqualTo(new BigInteger("15000000000000000"));
            assertThat(record.evidenceEventId()).isEqualTo(closeId);
            assertThat(record.evidence()).startsWith("LeaseClosed HEARTBEAT_LOST at ");
        });

        // Accepted result: the whole collateral goes back; the lease's normal close afterwards changes nothing.
        traffic.publish(EventType.WORK_VERIFIED, jobId.toString(), MarketEventTraffic.example(EventType.WORK_VERIFIED,
                payload -> payload.put("leaseId", verifiedLease.toString()).put("jobId", jobId.toString())
                        .put("provider", verified)));
        await().atMost(Duration.ofSeconds(30)).until(() -> stakes.statusOf(verified).lockedCollateral().signum() == 0);
        UUID completed = traffic.publish(EventType.LEASE_CLOSED, jobId.toString(),
                closed(verifiedLease, verified, "COMPLETED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessedByStake(completed));
        assertThat(stakes.statusOf(verified).free()).isEqualTo(tokens(100));
        assertThat(stakes.statusOf(verified).slashes()).isEmpty();

        // The cooldown: nothing returns before it has passed, everything once, when it has.
        Instant withdrawableAt = stakes.statusOf(rejected).unbondings().getFirst().withdrawableAt();
        assertThat(withdrawableAt).isEqualTo(
                stakes.statusOf(rejected).unbondings().getFirst().requestedAt().plus(Duration.ofDays(7)));
        BigInteger availableBefore = ledger.balanceOf(AccountRef.available(rejected));
        unbondings.releaseWithdrawable(withdrawableAt.minusSeconds(1));
        assertThat(ledger.balanceOf(AccountRef.available(rejected))).isEqualTo(availableBefore);
        unbondings.releaseWithdrawable(withdrawableAt);
        unbondings.releaseWithdrawable(withdrawableAt.plusSeconds(1));
        assertThat(ledger.balanceOf(AccountRef.available(rejected))).isEqualTo(availableBefore.add(tokens(40)));
        StakeStatus released = stakes.statusOf(rejected);
        assertThat(released.unbonding()).isZero();
        assertThat(released.unbondings().getFirst().releasedAt()).isEqualTo(withdrawableAt);
    }

    @Test
    void releasePassesRunningAtOnceReturnEachUnbondingExactlyOnce() throws Exception {
        deposit(lost, tokens(100));
        bond(lost, "60000000000000000000").andExpect(status().isOk());
        for (int i = 0; i < 6; i++) {
            unbond(lost, "10000000000000000000", "parallel-" + i).andExpect(status().isOk());
        }
        Instant later = stakes.statusOf(lost).unbondings().getFirst().withdrawableAt().plusSeconds(1);
        BigInteger availableBefore = ledger.balanceOf(AccountRef.available(lost));

        try (ExecutorService passes = Executors.newFixedThreadPool(3)) {
            List<Future<Integer>> released = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                released.add(passes.submit(() -> unbondings.releaseWithdrawable(later)));
            }
            for (Future<Integer> pass : released) {
                pass.get(30, TimeUnit.SECONDS);
            }
        }

        assertThat(ledger.balanceOf(AccountRef.available(lost))).isEqualTo(availableBefore.add(tokens(60)));
        assertThat(stakes.statusOf(lost).unbonding()).isZero();
        assertThat(stakes.statusOf(lost).unbondings()).hasSize(6).allSatisfy(unbonding ->
                assertThat(unbonding.released()).isTrue());
        assertThat(jdbc.sql("select count(*) from transfer where idempotency_key like 'unbond-release:%'"
                        + " and id in (select t.id from transfer t join posting p on p.transfer_id = t.id"
                        + " join account a on a.id = p.account_id where a.owner = ? and a.purpose = 'AVAILABLE')")
                .param(lost).query(Integer.class).single()).isEqualTo(6);
    }

    @Test
    void refusesAnUnbondingAmountThatIsNotAPositiveWholeNumber() throws Exception {
        deposit(rejected, tokens(10));
        bond(rejected, "1000").andExpect(status().isOk());

        unbond(rejected, "0", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("amount"));
        assertThat(stakes.statusOf(rejected).free()).isEqualTo(BigInteger.valueOf(1000));
    }

    private void award(UUID leaseId, String provider, String pricePerHour) {
        traffic.publish(EventType.LEASE_AWARDED, jobId.toString(), MarketEventTraffic.example(EventType.LEASE_AWARDED,
                payload -> payload.put("leaseId", leaseId.toString()).put("jobId", jobId.toString())
                        .put("consumer", consumer).put("provider", provider).put("pricePerHour", pricePerHour)
                        .put("durationSeconds", 3600).put("leasesInAward", 3).put("replicas", 3)));
    }

    private ObjectNode closed(UUID leaseId, String provider, String reason) {
        return MarketEventTraffic.example(EventType.LEASE_CLOSED, payload -> payload.put("leaseId", leaseId.toString())
                .put("jobId", jobId.toString()).put("provider", provider).put("reason", reason));
    }

    private Transfer slashTransfer(UUID leaseId) {
        List<Transfer> slashes = ledger.transfersOfJob(jobId).stream()
                .filter(transfer -> transfer.kind() == TransferKind.STAKE_SLASH && leaseId.equals(transfer.leaseId()))
                .toList();
        assertThat(slashes).hasSize(1);
        return slashes.getFirst();
    }

    private boolean isProcessedByStake(UUID eventId) {
        return jdbc.sql("select count(*) from processed_event where consumer = 'escrow-service-stake' and event_id = ?")
                .param(eventId).query(Integer.class).single() == 1;
    }

    private ResultActions bond(String provider, String amount) throws Exception {
        return mvc.perform(post("/api/v1/accounts/me/stake").header("Authorization", TestTokens.bearer(provider))
                .contentType(MediaType.APPLICATION_JSON).content("{\"amount\":\"" + amount + "\"}"));
    }

    private ResultActions unbond(String provider, String amount, String idempotencyKey) throws Exception {
        var request = post("/api/v1/accounts/me/stake/unbond").header("Authorization", TestTokens.bearer(provider))
                .contentType(MediaType.APPLICATION_JSON).content("{\"amount\":\"" + amount + "\"}");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return mvc.perform(request);
    }

    private void deposit(String account, BigInteger amount) {
        transactions.executeWithoutResult(status -> deposits.credit(new DepositConfirmed(31337,
                TestParties.newTxHash(), 0, 1, account, "0x5FbDB2315678afecb367f032d93F642f64180aa3", amount)));
    }

    private static BigInteger tokens(long whole) {
        return BigInteger.valueOf(whole).multiply(TOKEN);
    }
}
