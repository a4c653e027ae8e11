package com.computemarket.escrow.accounts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.accounts.application.DepositService;
import com.computemarket.escrow.funding.application.FundingService;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.events.DepositConfirmed;
import com.computemarket.events.JobPosted;
import com.computemarket.events.LeaseAwarded;
import com.computemarket.events.VerificationMode;
import com.computemarket.events.WorkVerified;
import com.computemarket.testsupport.TestTokens;
import java.math.BigInteger;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

/** The REST surface as a client sees it: balances, stake, a job's ledger, protocol fees, and refusals. */
@EscrowIntegrationTest
class EscrowApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DepositService deposits;
    @Autowired
    FundingService funding;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;

    private final String provider = TestParties.newAddress();

    @Test
    void showsTheCallersBalancesAsStringsWithTheToken() throws Exception {
        deposit(provider, "2500000000000000000000");

        mvc.perform(get("/api/v1/accounts/me").header("Authorization", TestTokens.bearer(provider)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.owner").value(provider))
                .andExpect(jsonPath("$.token.symbol").value("CMT"))
                .andExpect(jsonPath("$.token.decimals").value(18))
                .andExpect(jsonPath("$.available").value("2500000000000000000000"))
                .andExpect(jsonPath("$.held").value("0"))
                .andExpect(jsonPath("$.leaseEscrow").value("0"))
                .andExpect(jsonPath("$.earnedUnsettled").value("0"))
                .andExpect(jsonPath("$.stake").value("0"))
                .andExpect(jsonPath("$.pendingWithdrawals").value("0"))
                .andExpect(jsonPath("$.debt").value("0"));
    }

    @Test
    void bondsStakeFromTheAvailableBalanceAndAnnouncesIt() throws Exception {
        deposit(provider, "1000");

        stake(provider, "{\"amount\":\"400\"}", null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.provider").value(provider))
                .andExpect(jsonPath("$.amount").value("400"))
                .andExpect(jsonPath("$.totalBonded").value("400"));
        stake(provider, "{\"amount\":\"100\"}", null)
                .andExpect(jsonPath("$.totalBonded").value("500"));

        assertThat(ledger.balanceOf(AccountRef.available(provider))).isEqualTo(BigInteger.valueOf(500));
        assertThat(ledger.balanceOf(AccountRef.stake(provider))).isEqualTo(BigInteger.valueOf(500));
        assertThat(jdbc.sql("select payload from outbox_event where event_type = 'StakeBonded' and message_key = ? order by sequence")
                .param(provider).query(String.class).list())
                .containsExactly(
                        "{\"provider\":\"" + provider + "\",\"amount\":\"400\",\"totalBonded\":\"400\"}",
                        "{\"provider\":\"" + provider + "\",\"amount\":\"100\",\"totalBonded\":\"500\"}");
    }

    @Test
    void aRepeatedStakeRequestWithTheSameIdempotencyKeyBondsOnce() throws Exception {
        deposit(provider, "1000");

        String first = stake(provider, "{\"amount\":\"300\"}", "bond-1")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String again = stake(provider, "{\"amount\":\"300\"}", "bond-1")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(again).isEqualTo(first);
        assertThat(ledger.balanceOf(AccountRef.stake(provider))).isEqualTo(BigInteger.valueOf(300));
        stake(provider, "{\"amount\":\"200\"}", "bond-1")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/idempotency-key-reused"))
                .andExpect(jsonPath("$.field").value("Idempotency-Key"));
        // the key is the caller's own: another provider may use the same one
        String other = TestParties.newAddress();
        deposit(other, "50");
        stake(other, "{\"amount\":\"50\"}", "bond-1").andExpect(status().isOk())
                .andExpect(jsonPath("$.totalBonded").value("50"));
    }

    @Test
    void refusesToBondMoreThanIsAvailableNamingTheAmount() throws Exception {
        deposit(provider, "99");

        stake(provider, "{\"amount\":\"100\"}", null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/insufficient-funds"))
                .andExpect(jsonPath("$.field").value("amount"));

        assertThat(ledger.balanceOf(AccountRef.available(provider))).isEqualTo(BigInteger.valueOf(99));
        assertThat(ledger.balanceOf(AccountRef.stake(provider))).isZero();
    }

    @Test
    void refusesAmountsThatAreNotPositiveWholeNumbersAsStrings() throws Exception {
        deposit(provider, "1000");

        for (String body : new String[] {"{\"amount\":\"1.5\"}", "{\"amount\":\"-5\"}", "{\"amount\":\"0\"}",
                "{\"amount\":\"1e18\"}", "{\"amount\":\"\"}", "{}", "{\"amount\":\"0100\"}"}) {
            stake(provider, body, null)
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.field").value("amount"))
                    .andExpect(jsonPath("$.errors[0].field").value("amount"));
        }
        stake(provider, "{\"amount\":{\"value\":1}}", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("amount"));

        assertThat(ledger.balanceOf(AccountRef.available(provider))).isEqualTo(BigInteger.valueOf(1000));
    }

    @Test
    void refusesAnUnauthenticatedCaller() throws Exception {
        mvc.perform(get("/api/v1/accounts/me")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/accounts/me/stake").contentType(MediaType.APPLICATION_JSON)
                .content("{\"amount\":\"1\"}")).andExpect(status().isUnauthorized());
    }

    @Test
    void aJobsLedgerListsTheSettlementOfEachLeaseForLookingUpItsProof() throws Exception {
        String consumer = TestParties.newAddress();
        String winner = TestParties.newAddress();
        deposit(consumer, "10000");
        UUID jobId = UUID.randomUUID();
        UUID leaseId = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            funding.placeHold(new JobPosted(jobId, consumer, BigInteger.valueOf(3600), 3600, 1, VerificationMode.NONE));
            funding.fundLease(new LeaseAwarded(leaseId, jobId, consumer, winner, BigInteger.valueOf(2000), 3600, 1, 1,
                    VerificationMode.NONE, java.time.Instant.parse("2026-11-26T12:00:00Z")));
            funding.payProvider(new WorkVerified(leaseId, jobId, winner, "0x01"));
        });

        mvc.perform(get("/api/v1/ledger/jobs/{jobId}", jobId).header("Authorization", TestTokens.bearer(consumer)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.settlements", hasSize(1)))
                .andExpect(jsonPath("$.settlements[0].leaseId").value(leaseId.toString()))
                .andExpect(jsonPath("$.settlements[0].settlementId").isNotEmpty())
                .andExpect(jsonPath("$.settlements[0].outcome").value("PAID"))
                .andExpect(jsonPath("$.settlements[0].providerPayout").value("1950"))
                .andExpect(jsonPath("$.settlements[0].protocolFee").value("50"))
                .andExpect(jsonPath("$.settlements[0].consumerRefund").value("0"));
    }

    @Test
    void showsAJobsLedgerToItsConsumerOnly() throws Exception {
        String consumer = TestParties.newAddress();
        deposit(consumer, "10000");
        UUID jobId = UUID.randomUUID();
        transactions.executeWithoutResult(status -> funding.placeHold(
                new JobPosted(jobId, consumer, BigInteger.valueOf(3600), 1800, 2, VerificationMode.NONE)));

        mvc.perform(get("/api/v1/ledger/jobs/{jobId}", jobId).header("Authorization", TestTokens.bearer(consumer)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.jobId").value(jobId.toString()))
                .andExpect(jsonPath("$.consumer").value(consumer))
                .andExpect(jsonPath("$.holdStatus").value("HELD"))
                .andExpect(jsonPath("$.holdAmount").value("3600"))
                .andExpect(jsonPath("$.transfers", hasSize(1)))
                .andExpect(jsonPath("$.transfers[0].kind").value("HOLD"))
                .andExpect(jsonPath("$.transfers[0].postings[0].owner").value(consumer))
                .andExpect(jsonPath("$.transfers[0].postings[0].purpose").value("AVAILABLE"))
                .andExpect(jsonPath("$.transfers[0].postings[0].direction").value("DEBIT"))
                .andExpect(jsonPath("$.transfers[0].postings[0].amount").value("3600"))
                .andExpect(jsonPath("$.transfers[0].postings[1].owner").value(jobId.toString()))
                .andExpect(jsonPath("$.transfers[0].postings[1].purpose").value("HELD"))
                .andExpect(jsonPath("$.transfers[0].postings[1].direction").value("CREDIT"));

        mvc.perform(get("/api/v1/ledger/jobs/{jobId}", jobId).header("Authorization", TestTokens.bearer(provider)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.field").value("jobId"));
        mvc.perform(get("/api/v1/ledger/jobs/{jobId}", UUID.randomUUID())
                        .header("Authorization", TestTokens.bearer(consumer)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/ledger/jobs/not-a-job-id").header("Authorization", TestTokens.bearer(consumer)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("jobId"));
    }

    @Test
    void showsTheProtocolFeesToAnyAuthenticatedCaller() throws Exception {
        String balance = ledger.balanceOf(AccountRef.protocolFees()).toString();

        mvc.perform(get("/api/v1/ledger/protocol-fees").header("Authorization", TestTokens.bearer(provider)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balance").value(balance));
        mvc.perform(get("/api/v1/ledger/protocol-fees")).andExpect(status().isUnauthorized());
    }

    @Test
    void servesProbesMetricsAndApiDocsWithoutAToken() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/accounts/me/stake']").exists());
    }

    private ResultActions stake(String caller, String body, String idempotencyKey) throws Exception {
        var request = post("/api/v1/accounts/me/stake")
                .header("Authorization", TestTokens.bearer(caller))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return mvc.perform(request);
    }

    private void deposit(String account, String amount) {
        transactions.executeWithoutResult(status -> deposits.credit(new DepositConfirmed(31337,
                TestParties.newTxHash(), 0, 1, account, "0x5FbDB2315678afecb367f032d93F642f64180aa3",
                new BigInteger(amount))));
    }
}
