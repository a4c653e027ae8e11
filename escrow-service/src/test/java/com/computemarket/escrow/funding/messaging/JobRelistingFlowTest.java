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
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountPurpose;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.events.EventType;
import com.computemarket.events.Topics;
import com.computemarket.testsupport.TestTokens;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A job that goes back to auction after a lease failed: JobRelisted places a new hold for the listing, answered like
 * a posted job's, held once however often it is delivered, and the re-listing's award funds from that hold.
 */
@EscrowIntegrationTest
class JobRelistingFlowTest {

    private static MarketEventTraffic traffic;

    @Autowired
    AccountQueries accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    private final String consumer = TestParties.newAddress();
    private final UUID jobId = UUID.randomUUID();

    @BeforeAll
    static void connect() {
        traffic = new MarketEventTraffic(Topics.ESCROW_HOLDS, Topics.ESCROW_LEASES);
    }

    @AfterAll
    static void disconnect() {
        traffic.close();
    }

    @Test
    void holdsARelistingOnceAndFundsItsAwardFromThatHold() throws Exception {
        deposit("10000000000000000000");
        traffic.publish(EventType.JOB_POSTED, jobId.toString(), jobPosted());
        traffic.awaitOnePublished(EventType.FUNDS_HELD, jobId.toString(), any -> true);
        // the first listing's lease at 1.5 tokens/hour: 1.5 escrowed, 0.5 back
        traffic.publish(EventType.LEASE_AWARDED, jobId.toString(), leaseAwarded(UUID.randomUUID(), "1500000000000000000"));
        traffic.awaitOnePublished(EventType.LEASE_FUNDED, jobId.toString(), any -> true);

        ObjectNode relisted = relisted(2);
        UUID relistedEventId = traffic.publish(EventType.JOB_RELISTED, jobId.toString(), relisted);
        List<JsonNode> held = traffic.awaitPublished(EventType.FUNDS_HELD, jobId.toString(), 2, any -> true);
        assertThat(held.getLast().get("amount").asString()).isEqualTo("2000000000000000000");
        assertThat(ledger.balanceOf(new AccountRef(jobId + "#2", AccountPurpose.HELD))).isEqualTo(tokens("2"));

        // The broker redelivers it, and matching emits the same re-listing again under a new event id.
        traffic.publish(EventType.JOB_RELISTED, jobId.toString(), relisted, relistedEventId);
        UUID reEmitted = traffic.publish(EventType.JOB_RELISTED, jobId.toString(), relisted);
        await().atMost(Duration.ofSeconds(30)).until(() -> isProcessed(reEmitted));
        assertThat(accounts.overviewOf(consumer).held()).isEqualTo(tokens("2"));
        assertThat(available()).isEqualTo(tokens("6.5"));

        UUID secondLease = UUID.randomUUID();
        traffic.publish(EventType.LEASE_AWARDED, jobId.toString(), leaseAwarded(secondLease, "1000000000000000000"));
        JsonNode funded = traffic.awaitOnePublished(EventType.LEASE_FUNDED, jobId.toString(),
                event -> event.get("leaseId").asString().equals(secondLease.toString()));
        assertThat(funded.get("amount").asString()).isEqualTo("1000000000000000000");
        await().atMost(Duration.ofSeconds(30)).until(() -> accounts.overviewOf(consumer).held().signum() == 0);
        assertThat(available()).isEqualTo(tokens("7.5"));
        assertThat(ledger.balanceOf(AccountRef.leaseEscrow(secondLease))).isEqualTo(tokens("1"));
        assertThat(jdbc.sql("select count(*) from outbox_event where event_type = 'FundsHeld' and message_key = ?")
                .param(jobId.toString()).query(Integer.class).single()).isEqualTo(2);

        mvc.perform(get("/api/v1/ledger/jobs/{jobId}", jobId).header("Authorization", TestTokens.bearer(consumer)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.holdStatus").value("AWARDED"))
                .andExpect(jsonPath("$.listings[1].listing").value(2))
                .andExpect(jsonPath("$.listings[1].holdStatus").value("AWARDED"))
                .andExpect(jsonPath("$.listings[1].amount").value("2000000000000000000"))
                .andExpect(jsonPath("$.transfers[*].kind").value(org.hamcrest.Matchers.contains("HOLD",
                        "LEASE_FUNDING", "HOLD_EXCESS_RETURN", "HOLD", "LEASE_FUNDING", "HOLD_EXCESS_RETURN")));
    }

    @Test
    void refusesARelistingTheConsumerCannotCoverAndLeavesTheFirstListingAlone() {
        deposit("2500000000000000000");
        traffic.publish(EventType.JOB_POSTED, jobId.toString(), jobPosted());
        traffic.awaitOnePublished(EventType.FUNDS_HELD, jobId.toString(), any -> true);
        traffic.publish(EventType.LEASE_AWARDED, jobId.toString(), leaseAwarded(UUID.randomUUID(), "1500000000000000000"));
        traffic.awaitOnePublished(EventType.LEASE_FUNDED, jobId.toString(), any -> true);

        traffic.publish(EventType.JOB_RELISTED, jobId.toString(), relisted(2));

        JsonNode rejected = traffic.awaitOnePublished(EventType.FUNDS_HOLD_REJECTED, jobId.toString(), any -> true);
        assertThat(rejected.get("reason").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(rejected.get("requiredAmount").asString()).isEqualTo("2000000000000000000");
        assertThat(rejected.get("availableAmount").asString()).isEqualTo("1000000000000000000");
        assertThat(available()).isEqualTo(tokens("1"));
        assertThat(accounts.overviewOf(consumer).held()).isZero();
    }

    private void deposit(String amount) {
        traffic.publish(EventType.DEPOSIT_CONFIRMED, consumer, MarketEventTraffic.example(EventType.DEPOSIT_CONFIRMED,
                payload -> payload.put("account", consumer).put("amount", amount)
                        .put("txHash", TestParties.newTxHash())));
        await().atMost(Duration.ofSeconds(30)).until(() -> available().equals(new BigInteger(amount)));
    }

    private ObjectNode jobPosted() {
        return MarketEventTraffic.example(EventType.JOB_POSTED, payload -> payload
                .put("jobId", jobId.toString()).put("consumer", consumer).put("maxPricePerHour", "2000000000000000000")
                .put("durationSeconds", 3600).put("replicas", 1));
    }

    private ObjectNode relisted(int listing) {
        return MarketEventTraffic.example(EventType.JOB_RELISTED, payload -> payload
                .put("jobId", jobId.toString()).put("consumer", consumer).put("listing", listing)
                .put("maxPricePerHour", "2000000000000000000").put("durationSeconds", 3600).put("replicas", 1));
    }

    private ObjectNode leaseAwarded(UUID leaseId, String pricePerHour) {
        return MarketEventTraffic.example(EventType.LEASE_AWARDED, payload -> payload
                .put("leaseId", leaseId.toString()).put("jobId", jobId.toString()).put("consumer", consumer)
                .put("provider", TestParties.newAddress()).put("pricePerHour", pricePerHour)
                .put("durationSeconds", 3600).put("leasesInAward", 1).put("replicas", 1));
    }

    private boolean isProcessed(UUID eventId) {
        // Other listeners (stake) record the same event under their own consumer name.
        return jdbc.sql("select count(*) from processed_event where consumer = ? and event_id = ?")
                .params(FundingEventsListener.CONSUMER_NAME, eventId).query(Integer.class).single() == 1;
    }

    private BigInteger available() {
        return ledger.balanceOf(AccountRef.available(consumer));
    }

    private static BigInteger tokens(String whole) {
        return new java.math.BigDecimal(whole).movePointRight(18).toBigIntegerExact();
    }
}
