package com.computemarket.escrow.ledger.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.ledger.application.InvariantCheck;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.application.LedgerInvariant;
import com.computemarket.escrow.ledger.application.LedgerInvariants;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The invariant check on the real PostgreSQL ledger, its health contributor and its metrics. Corrupt rows are
 * committed for a fresh owner only and removed after each test, so the shared database (and the shared context's
 * latest check) is sound again for every other test.
 */
@EscrowIntegrationTest
class LedgerInvariantsHealthTest {

    private static final String CORRUPT_KEY_PREFIX = "corrupt:";

    @Autowired
    LedgerInvariants invariants;
    @Autowired
    LedgerInvariantsHealthIndicator health;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MockMvc mvc;

    private final String owner = TestParties.newAddress();

    @AfterEach
    void removeTheCorruption() {
        // The append-only triggers are off only inside this one transaction: DDL is transactional in PostgreSQL,
        // and ALTER TABLE locks the table, so no other session ever sees (or writes while) the triggers are off.
        transactions.executeWithoutResult(status -> {
            jdbc.sql("alter table posting disable trigger posting_append_only").update();
            jdbc.sql("alter table transfer disable trigger transfer_append_only").update();
            jdbc.sql("delete from posting where transfer_id in (select id from transfer where idempotency_key like ?)")
                    .param(CORRUPT_KEY_PREFIX + owner + ":%").update();
            jdbc.sql("delete from transfer where idempotency_key like ?").param(CORRUPT_KEY_PREFIX + owner + ":%")
                    .update();
            jdbc.sql("delete from posting where account_id < 0").update();
            jdbc.sql("alter table transfer enable trigger transfer_append_only").update();
            jdbc.sql("alter table posting enable trigger posting_append_only").update();
        });
        jdbc.sql("delete from account where owner = ? and not exists "
                + "(select 1 from posting p where p.account_id = account.id)").param(owner).update();
        // Leaves the shared context's latest outcome sound, as it was before this test.
        assertThat(invariants.check().passed()).as("ledger sound again after cleanup").isTrue();
    }

    @Test
    void aSoundLedgerIsUpAndCountsItsChecks() throws Exception {
        transactions.executeWithoutResult(status -> ledger.apply(TransferRequest.move(
                "deposit:sound:" + owner, TransferKind.DEPOSIT, null, null, AccountRef.vaultMirror(),
                AccountRef.available(owner), BigInteger.TEN.pow(30))));
        // The start-up check runs on the scheduler as the context starts; counted before it ends, it would count too.
        await().atMost(Duration.ofSeconds(30)).until(() -> invariants.latest().isPresent());
        double passedBefore = checks("passed");

        InvariantCheck check = invariants.check();

        assertThat(check.passed()).as("violations: %s", check.violations()).isTrue();
        assertThat(check.figures().totalDebits()).isEqualTo(check.figures().totalCredits()).isPositive();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(checks("passed")).isEqualTo(passedBefore + 1);
        mvc.perform(get("/actuator/health/ledger"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("escrow_ledger_invariant_violations"
                        + "{application=\"escrow-service\",invariant=\"debitsEqualCredits\"} 0.0")))
                .andExpect(content().string(containsString("escrow_ledger_invariant_checks_total"
                        + "{application=\"escrow-service\",outcome=\"passed\"}")));
    }

    @Test
    void aPostingWithoutItsCounterpartTurnsHealthDownNamingDebitsEqualCredits() throws Exception {
        long accountId = openAccount(AccountRef.available(owner), BigInteger.valueOf(5));
        UUID transferId = insertTransfer();
        insertPosting(transferId, accountId, "CREDIT", 5);

        invariants.check();

        Health down = health.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsKeys(LedgerInvariant.DEBITS_EQUAL_CREDITS.healthName(),
                LedgerInvariant.MONEY_CONSERVED.healthName());
        @SuppressWarnings("unchecked")
        Map<String, Object> figures = (Map<String, Object>) down.getDetails()
                .get(LedgerInvariant.DEBITS_EQUAL_CREDITS.healthName());
        assertThat(new BigInteger((String) figures.get("totalCredits"))
                .subtract(new BigInteger((String) figures.get("totalDebits")))).isEqualTo(BigInteger.valueOf(5));
        assertThat(figures.get("unbalancedTransfers")).isEqualTo(
                List.of(Map.of("transferId", transferId.toString(), "creditsMinusDebits", "5")));
        assertThat(violations(LedgerInvariant.DEBITS_EQUAL_CREDITS)).isEqualTo(1);
        mvc.perform(get("/actuator/health/ledger"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("DOWN"));
        // Liveness and readiness ignore it: a restart cannot mend the ledger, and sound settlements should go on.
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
    }

    @Test
    void aPostingThatOverdrawsAnAccountNamesTheAccountAndItsFigures() {
        long available = openAccount(AccountRef.available(owner), BigInteger.ZERO);
        long stake = openAccount(AccountRef.stake(owner), BigInteger.ZERO);
        UUID transferId = insertTransfer();
        insertPosting(transferId, available, "DEBIT", 3);
        insertPosting(transferId, stake, "CREDIT", 3);

        InvariantCheck check = invariants.check();

        assertThat(check.violations()).extracting(InvariantCheck.Violation::invariant).containsExactly(
                LedgerInvariant.NO_OVERDRAWN_ACCOUNT, LedgerInvariant.BALANCE_EQUALS_POSTINGS);
        assertThat(check.violations().getFirst().figures().get("accounts")).isEqualTo(List.of(Map.of(
                "account", "AVAILABLE(" + owner + ")", "storedBalance", "0", "postedBalance", "-3")));
        assertThat(health.health().getDetails()).containsKey(LedgerInvariant.NO_OVERDRAWN_ACCOUNT.healthName());
        assertThat(violations(LedgerInvariant.BALANCE_EQUALS_POSTINGS)).isEqualTo(2);
    }

    @Test
    void aStoredBalanceNoPostingExplainsIsReportedNotRepaired() {
        openAccount(AccountRef.available(owner), BigInteger.valueOf(12));

        InvariantCheck check = invariants.check();

        assertThat(check.violations()).extracting(InvariantCheck.Violation::invariant).containsExactly(
                LedgerInvariant.BALANCE_EQUALS_POSTINGS, LedgerInvariant.MONEY_CONSERVED);
        assertThat(check.violations().getFirst().figures().get("accounts")).isEqualTo(List.of(Map.of(
                "account", "AVAILABLE(" + owner + ")", "storedBalance", "12", "postedBalance", "0")));
        assertThat(ledger.balanceOf(AccountRef.available(owner))).as("left as found").isEqualTo(BigInteger.valueOf(12));
    }

    @Test
    void postingsNamingATransferOrAnAccountThatIsNotRecordedAreReportedAsOrphans() {
        // Balanced, and on accounts that do not exist, so that no other invariant sees them: what the foreign keys
        // dropped in V58 used to refuse, and only this check now catches. Account ids are positive: -1 names none.
        UUID recorded = insertTransfer();
        insertPosting(recorded, -1, "DEBIT", 4);
        insertPosting(recorded, -2, "CREDIT", 4);
        UUID neverRecorded = UUID.randomUUID();
        insertPosting(neverRecorded, -1, "DEBIT", 6);
        insertPosting(neverRecorded, -2, "CREDIT", 6);

        InvariantCheck check = invariants.check();

        assertThat(check.violations()).extracting(InvariantCheck.Violation::invariant)
                .containsExactly(LedgerInvariant.NO_ORPHAN_POSTING);
        assertThat(check.violationsOf(LedgerInvariant.NO_ORPHAN_POSTING)).isEqualTo(4);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> postings = (List<Map<String, String>>) check.violations().getFirst().figures()
                .get("postings");
        assertThat(postings).extracting(posting -> posting.get("transferId") + " / " + posting.get("accountId"))
                .containsExactly(recorded + " / -1 (not recorded)", recorded + " / -2 (not recorded)",
                        neverRecorded + " (not recorded) / -1 (not recorded)",
                        neverRecorded + " (not recorded) / -2 (not recorded)");
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsKey(LedgerInvariant.NO_ORPHAN_POSTING.healthName());
        assertThat(violations(LedgerInvariant.NO_ORPHAN_POSTING)).isEqualTo(4);
    }

    private long openAccount(AccountRef account, BigInteger balance) {
        return jdbc.sql("insert into account (owner, purpose, balance) values (?, ?, ?) returning id")
                .params(account.owner(), account.purpose().name(), new BigDecimal(balance))
                .query(Long.class).single();
    }

    private UUID insertTransfer() {
        UUID transferId = UUID.randomUUID();
        jdbc.sql("insert into transfer (id, idempotency_key, kind, recorded_at) values (?, ?, 'DEPOSIT', ?)")
                .params(transferId, CORRUPT_KEY_PREFIX + owner + ":" + transferId, Timestamp.from(Instant.now()))
                .update();
        return transferId;
    }

    private void insertPosting(UUID transferId, long accountId, String direction, long amount) {
        jdbc.sql("insert into posting (transfer_id, account_id, direction, amount) values (?, ?, ?, ?)")
                .params(transferId, accountId, direction, amount).update();
    }

    private double violations(LedgerInvariant invariant) {
        return meters.get("escrow.ledger.invariant.violations").tag("invariant", invariant.healthName()).gauge()
                .value();
    }

    private double checks(String outcome) {
        return meters.get("escrow.ledger.invariant.checks").tag("outcome", outcome).counter().count();
    }
}
