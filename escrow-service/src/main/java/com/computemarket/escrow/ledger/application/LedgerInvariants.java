package com.computemarket.escrow.ledger.application;

import com.computemarket.escrow.ledger.application.InvariantCheck.Violation;
import com.computemarket.escrow.ledger.application.LedgerFigures.AccountFigures;
import com.computemarket.escrow.ledger.application.LedgerFigures.OrphanPosting;
import com.computemarket.escrow.ledger.application.LedgerFigures.UnbalancedTransfer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks the ledger's {@link LedgerInvariant invariants}, on a schedule and on demand, and keeps the latest outcome
 * for the health indicator and the metrics. A violation is reported (logged, DOWN, counted), never repaired: the
 * ledger is evidence, and repairing it silently would destroy the evidence.
 */
@Component
public class LedgerInvariants {

    static final String VIOLATIONS_GAUGE = "escrow.ledger.invariant.violations";
    static final String CHECKS_COUNTER = "escrow.ledger.invariant.checks";
    private static final Logger log = LoggerFactory.getLogger(LedgerInvariants.class);

    private final LedgerAudit audit;
    private final Clock clock;
    private final Map<LedgerInvariant, AtomicLong> violationGauges = new EnumMap<>(LedgerInvariant.class);
    private final Counter passedChecks;
    private final Counter violatedChecks;
    private final Counter failedChecks;
    // Checks are serialised so that the latest outcome is always the one of the latest snapshot: a slow scheduled
    // check cannot overwrite the outcome of a check that started after it.
    private final ReentrantLock checking = new ReentrantLock();
    private volatile InvariantCheck latest;

    LedgerInvariants(LedgerAudit audit, Clock clock, MeterRegistry meters) {
        this.audit = audit;
        this.clock = clock;
        for (LedgerInvariant invariant : LedgerInvariant.values()) {
            AtomicLong violations = new AtomicLong();
            violationGauges.put(invariant, violations);
            Gauge.builder(VIOLATIONS_GAUGE, violations, AtomicLong::get)
                    .description("Offenders against the ledger invariant found by the latest check (0 = holds)")
                    .tag("invariant", invariant.healthName())
                    .register(meters);
        }
        passedChecks = checksCounter(meters, "passed");
        violatedChecks = checksCounter(meters, "violated");
        failedChecks = checksCounter(meters, "failed");
    }

    /** Checks every invariant against one snapshot of the ledger now, and makes the outcome the latest. */
    public InvariantCheck check() {
        checking.lock();
        try {
            LedgerFigures figures;
            try {
                figures = audit.figures();
            } catch (RuntimeException unreadable) {
                failedChecks.increment();
                throw unreadable;
            }
            InvariantCheck outcome = new InvariantCheck(clock.instant(), figures, judge(figures));
            violationGauges.forEach((invariant, gauge) -> gauge.set(outcome.violationsOf(invariant)));
            if (outcome.passed()) {
                passedChecks.increment();
            } else {
                violatedChecks.increment();
                log.error("Ledger invariants violated (reported, not repaired): {}", outcome.violations());
            }
            latest = outcome;
            return outcome;
        } finally {
            checking.unlock();
        }
    }

    /** The outcome of the latest completed check; empty until the first check completes. */
    public Optional<InvariantCheck> latest() {
        return Optional.ofNullable(latest);
    }

    /** The scheduled check ({@link LedgerInvariantsSchedule}): a failure to read is logged, not thrown. */
    void checkOnSchedule() {
        try {
            check();
        } catch (RuntimeException unreadable) {
            // The health indicator keeps showing the latest completed check with its time, so a stale result is
            // visible; the database's own health indicator reports the outage itself.
            log.warn("Could not read the ledger to check its invariants", unreadable);
        }
    }

    /** Which invariants the figures break; pure, so that any audit (SQL or in memory) is judged the same way. */
    static List<Violation> judge(LedgerFigures figures) {
        List<Violation> violations = new ArrayList<>();
        if (figures.totalDebits().compareTo(figures.totalCredits()) != 0 || figures.unbalancedTransferCount() > 0) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("totalDebits", figures.totalDebits().toString());
            shown.put("totalCredits", figures.totalCredits().toString());
            shown.put("unbalancedTransferCount", figures.unbalancedTransferCount());
            shown.put("unbalancedTransfers", figures.unbalancedTransfers().stream()
                    .map(LedgerInvariants::describe).toList());
            violations.add(new Violation(LedgerInvariant.DEBITS_EQUAL_CREDITS,
                    Math.max(1, figures.unbalancedTransferCount()), "debits and credits differ", shown));
        }
        if (figures.overdrawnAccountCount() > 0) {
            violations.add(accountViolation(LedgerInvariant.NO_OVERDRAWN_ACCOUNT, figures.overdrawnAccountCount(),
                    "accounts that may not go below zero are below zero", figures, AccountFigures::overdrawn));
        }
        if (figures.mismatchedAccountCount() > 0) {
            violations.add(accountViolation(LedgerInvariant.BALANCE_EQUALS_POSTINGS,
                    figures.mismatchedAccountCount(), "stored balances differ from the sum of their postings",
                    figures, AccountFigures::mismatched));
        }
        if (figures.nonVaultBalanceTotal().add(figures.vaultMirrorBalance()).signum() != 0) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("nonVaultBalanceTotal", figures.nonVaultBalanceTotal().toString());
            shown.put("vaultMirrorBalance", figures.vaultMirrorBalance().toString());
            violations.add(new Violation(LedgerInvariant.MONEY_CONSERVED, 1,
                    "the balances outside the vault mirror do not add up to minus the vault mirror", shown));
        }
        if (figures.orphanPostingCount() > 0) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("postingCount", figures.orphanPostingCount());
            shown.put("postings", figures.orphanPostings().stream().map(LedgerInvariants::describe).toList());
            violations.add(new Violation(LedgerInvariant.NO_ORPHAN_POSTING, figures.orphanPostingCount(),
                    "postings name a transfer or an account that is not recorded", shown));
        }
        return violations;
    }

    private static Violation accountViolation(LedgerInvariant invariant, long count, String description,
            LedgerFigures figures, Predicate<AccountFigures> offending) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("accountCount", count);
        shown.put("accounts", figures.accountsOutOfLine().stream().filter(offending)
                .map(LedgerInvariants::describe).toList());
        return new Violation(invariant, count, description, shown);
    }

    private static Map<String, String> describe(AccountFigures account) {
        Map<String, String> described = new LinkedHashMap<>();
        described.put("account", account.account().toString());
        described.put("storedBalance", account.storedBalance().toString());
        described.put("postedBalance", account.postedBalance().toString());
        return described;
    }

    private static Map<String, String> describe(UnbalancedTransfer transfer) {
        Map<String, String> described = new LinkedHashMap<>();
        described.put("transferId", transfer.transferId().toString());
        described.put("creditsMinusDebits", transfer.net().toString());
        return described;
    }

    private static Map<String, String> describe(OrphanPosting posting) {
        Map<String, String> described = new LinkedHashMap<>();
        described.put("postingId", Long.toString(posting.postingId()));
        described.put("transferId", posting.transferId() + (posting.transferMissing() ? " (not recorded)" : ""));
        described.put("accountId", posting.accountId() + (posting.accountMissing() ? " (not recorded)" : ""));
        return described;
    }

    private static Counter checksCounter(MeterRegistry meters, String outcome) {
        return Counter.builder(CHECKS_COUNTER)
                .description("Checks of the ledger invariants, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }
}
