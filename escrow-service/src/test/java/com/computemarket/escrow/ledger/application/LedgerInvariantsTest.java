package com.computemarket.escrow.ledger.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.escrow.EscrowProperties;
import com.computemarket.escrow.ledger.application.InvariantCheck.Violation;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.Posting;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.util.SimpleIdGenerator;

/** The invariant rules and their metrics, against an in-memory ledger corrupted on purpose. */
class LedgerInvariantsTest {

    private static final String ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final InMemoryLedgerStore store = new InMemoryLedgerStore();
    private final Ledger ledger = new Ledger(store, CLOCK, new SimpleIdGenerator());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LedgerInvariants invariants = new LedgerInvariants(store, CLOCK, meters);

    @Test
    void aLedgerMovedOnlyThroughTransfersPassesEveryInvariant() {
        deposit(100);
        ledger.apply(TransferRequest.move("stake:1", TransferKind.STAKE_BOND, null, null,
                AccountRef.available(ALICE), AccountRef.stake(ALICE), BigInteger.valueOf(40)));

        InvariantCheck check = invariants.check();

        assertThat(check.passed()).isTrue();
        assertThat(check.checkedAt()).isEqualTo(NOW);
        assertThat(invariants.latest()).contains(check);
        assertThat(checks("passed")).isEqualTo(1);
        assertThat(violationsGauge(LedgerInvariant.DEBITS_EQUAL_CREDITS)).isZero();
    }

    @Test
    void aBalanceChangedWithoutPostingsBreaksBalanceEqualsPostingsAndConservation() {
        deposit(100);
        store.changeBalance(AccountRef.available(ALICE), BigInteger.valueOf(5));

        InvariantCheck check = invariants.check();

        assertThat(check.violations()).extracting(Violation::invariant).containsExactly(
                LedgerInvariant.BALANCE_EQUALS_POSTINGS, LedgerInvariant.MONEY_CONSERVED);
        assertThat(check.violations().getFirst().figures().get("accounts")).isEqualTo(List.of(Map.of(
                "account", "AVAILABLE(" + ALICE + ")", "storedBalance", "105", "postedBalance", "100")));
        assertThat(check.violations().getLast().figures()).containsEntry("nonVaultBalanceTotal", "105")
                .containsEntry("vaultMirrorBalance", "-100");
        assertThat(violationsGauge(LedgerInvariant.BALANCE_EQUALS_POSTINGS)).isEqualTo(1);
        assertThat(violationsGauge(LedgerInvariant.MONEY_CONSERVED)).isEqualTo(1);
        assertThat(checks("violated")).isEqualTo(1);

        // The check reports and leaves the ledger as it found it; once the damage is undone it passes again.
        assertThat(store.balanceOf(AccountRef.available(ALICE))).isEqualTo(BigInteger.valueOf(105));
        store.changeBalance(AccountRef.available(ALICE), BigInteger.valueOf(-5));
        assertThat(invariants.check().passed()).isTrue();
        assertThat(violationsGauge(LedgerInvariant.BALANCE_EQUALS_POSTINGS)).isZero();
    }

    @Test
    void aPostingWithoutItsCounterpartBreaksDebitsEqualCreditsNamingTheTransfer() {
        UUID transferId = UUID.fromString("00000000-0000-0000-0000-00000000cafe");
        store.openAccounts(List.of(AccountRef.available(ALICE)));
        store.changeBalance(AccountRef.available(ALICE), BigInteger.valueOf(7));
        store.insertPosting(transferId, 1, Posting.credit(AccountRef.available(ALICE), BigInteger.valueOf(7)));

        InvariantCheck check = invariants.check();

        assertThat(check.violations()).extracting(Violation::invariant).containsExactly(
                LedgerInvariant.DEBITS_EQUAL_CREDITS, LedgerInvariant.MONEY_CONSERVED);
        assertThat(check.violations().getFirst().figures())
                .containsEntry("totalDebits", "0")
                .containsEntry("totalCredits", "7")
                .containsEntry("unbalancedTransfers",
                        List.of(Map.of("transferId", transferId.toString(), "creditsMinusDebits", "7")));
    }

    @Test
    void aPostingThatOverdrawsAnAccountBreaksNoOverdrawnAccount() {
        UUID transferId = UUID.randomUUID();
        store.openAccounts(List.of(AccountRef.available(ALICE), AccountRef.stake(ALICE)));
        store.insertPosting(transferId, 1, Posting.debit(AccountRef.available(ALICE), BigInteger.valueOf(3)));
        store.insertPosting(transferId, 2, Posting.credit(AccountRef.stake(ALICE), BigInteger.valueOf(3)));

        InvariantCheck check = invariants.check();

        assertThat(check.violations()).extracting(Violation::invariant).containsExactly(
                LedgerInvariant.NO_OVERDRAWN_ACCOUNT, LedgerInvariant.BALANCE_EQUALS_POSTINGS);
        assertThat(check.violationsOf(LedgerInvariant.NO_OVERDRAWN_ACCOUNT)).isEqualTo(1);
        assertThat(check.violationsOf(LedgerInvariant.BALANCE_EQUALS_POSTINGS)).isEqualTo(2);
        assertThat(check.violations().getFirst().figures().get("accounts")).isEqualTo(List.of(Map.of(
                "account", "AVAILABLE(" + ALICE + ")", "storedBalance", "0", "postedBalance", "-3")));
    }

    @Test
    void orphanPostingsBreakNoOrphanPostingNamingWhatIsMissing() {
        UUID transferId = UUID.fromString("00000000-0000-0000-0000-00000000beef");
        LedgerFigures figures = new LedgerFigures(BigInteger.ONE, BigInteger.ONE, 0, List.of(), 0, 0, List.of(),
                BigInteger.ZERO, BigInteger.ZERO, 2, List.of(
                        new LedgerFigures.OrphanPosting(7, transferId, true, 3, false),
                        new LedgerFigures.OrphanPosting(8, transferId, false, 4, true)));

        List<Violation> violations = LedgerInvariants.judge(figures);

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.invariant()).isEqualTo(LedgerInvariant.NO_ORPHAN_POSTING);
            assertThat(violation.count()).isEqualTo(2);
            assertThat(violation.figures()).containsEntry("postingCount", 2L).containsEntry("postings", List.of(
                    Map.of("postingId", "7", "transferId", transferId + " (not recorded)", "accountId", "3"),
                    Map.of("postingId", "8", "transferId", transferId.toString(), "accountId", "4 (not recorded)")));
        });
    }

    @Test
    void aCheckThatCannotReadTheLedgerIsCountedAndKeepsTheLatestOutcome() {
        boolean[] reachable = {true};
        SimpleMeterRegistry ownMeters = new SimpleMeterRegistry();
        LedgerInvariants sometimesUnreadable = new LedgerInvariants(() -> {
            if (!reachable[0]) {
                throw new IllegalStateException("database unreachable");
            }
            return store.figures();
        }, CLOCK, ownMeters);
        InvariantCheck earlier = sometimesUnreadable.check();
        reachable[0] = false;

        assertThatThrownBy(sometimesUnreadable::check).hasMessage("database unreachable");
        assertThat(ownMeters.get(LedgerInvariants.CHECKS_COUNTER).tag("outcome", "failed").counter().count())
                .isEqualTo(1);
        assertThat(sometimesUnreadable.latest()).contains(earlier);
    }

    @Test
    void theScheduleChecksAtStartUpAndThenEveryConfiguredInterval() {
        EscrowProperties properties = new EscrowProperties(new EscrowProperties.Fees(250),
                new EscrowProperties.Token("CMT", 18), new EscrowProperties.Invariants(Duration.ofSeconds(7)));
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();

        new LedgerInvariantsSchedule(invariants, properties).configureTasks(registrar);

        assertThat(registrar.getFixedDelayTaskList()).singleElement().satisfies(task -> {
            assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofSeconds(7));
            assertThat(task.getInitialDelayDuration()).isZero();
            task.getRunnable().run();
        });
        assertThat(invariants.latest()).hasValueSatisfying(check -> assertThat(check.passed()).isTrue());
    }

    private void deposit(long amount) {
        ledger.apply(TransferRequest.move("deposit:" + amount, TransferKind.DEPOSIT, null, null,
                AccountRef.vaultMirror(), AccountRef.available(ALICE), BigInteger.valueOf(amount)));
    }

    private double violationsGauge(LedgerInvariant invariant) {
        return meters.get(LedgerInvariants.VIOLATIONS_GAUGE).tag("invariant", invariant.healthName()).gauge().value();
    }

    private double checks(String outcome) {
        return meters.get(LedgerInvariants.CHECKS_COUNTER).tag("outcome", outcome).counter().count();
    }
}
