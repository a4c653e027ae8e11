package com.computemarket.escrow.reconciliation;

import com.computemarket.escrow.reconciliation.VaultChain.VaultBalance;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Compares the vault's token balance on chain with what the ledger says it holds (minus the vault mirror), on a
 * schedule and on demand. The chain is read at a confirmed block (head − confirmations), so deposits not yet
 * confirmed, which escrow has not credited, are not counted; a deposit or withdrawal confirmed at that block whose
 * event is still on its way shows as a difference for one check, so a mismatch is reported only when
 * {@value #MISMATCHES_TO_REPORT} checks in a row see one. A mismatch is logged at ERROR, turns health DOWN and shows
 * in the metrics. It is never repaired: which side is wrong is for a person to find out.
 */
@Component
public class VaultReconciliation {

    static final int MISMATCHES_TO_REPORT = 2;
    static final String MISMATCH_GAUGE = "escrow.vault.reconciliation.mismatch";
    static final String CHECKS_COUNTER = "escrow.vault.reconciliation.checks";
    private static final Logger log = LoggerFactory.getLogger(VaultReconciliation.class);

    private final VaultChain chain;
    private final LedgerVaultFigures ledger;
    private final Clock clock;
    private final AtomicInteger mismatchGauge = new AtomicInteger();
    private final Counter matched;
    private final Counter mismatched;
    private final Counter failed;
    private final ReentrantLock checking = new ReentrantLock();
    private volatile VaultReconciliationResult latest;

    VaultReconciliation(VaultChain chain, LedgerVaultFigures ledger, Clock clock, MeterRegistry meters) {
        this.chain = chain;
        this.ledger = ledger;
        this.clock = clock;
        Gauge.builder(MISMATCH_GAUGE, mismatchGauge, AtomicInteger::get)
                .description("1 while the ledger's vault mirror and the vault's balance on chain disagree, else 0")
                .register(meters);
        matched = checksCounter(meters, "matched");
        mismatched = checksCounter(meters, "mismatched");
        failed = checksCounter(meters, "failed");
    }

    /**
     * Reads the chain (first, at a confirmed block), then the ledger, and compares them.
     *
     * @throws VaultChainUnavailableException if the chain cannot be read; the latest result stays as it was
     */
    public VaultReconciliationResult check() {
        checking.lock();
        try {
            VaultBalance onChain;
            LedgerVaultFigures.Figures figures;
            try {
                onChain = chain.confirmedVaultBalance();
                figures = ledger.read();
            } catch (RuntimeException unreadable) {
                failed.increment();
                throw unreadable;
            }
            boolean apart = onChain.balance().compareTo(figures.vaultMirror().negate()) != 0;
            int inARow = apart ? (latest == null ? 0 : latest.consecutiveMismatches()) + 1 : 0;
            VaultReconciliationResult result = new VaultReconciliationResult(clock.instant(), onChain.blockNumber(),
                    onChain.balance(), figures.vaultMirror().negate(), figures.pendingWithdrawals(), inARow,
                    MISMATCHES_TO_REPORT);
            if (result.mismatched()) {
                mismatched.increment();
                log.error("The ledger's vault mirror and the vault on chain disagree (reported, not repaired): {}",
                        result.figures());
            } else {
                matched.increment();
                if (apart) {
                    log.info("Vault and ledger apart by {} at block {}; checking again before reporting it",
                            result.difference(), result.blockNumber());
                }
            }
            mismatchGauge.set(result.mismatched() ? 1 : 0);
            latest = result;
            return result;
        } finally {
            checking.unlock();
        }
    }

    /** The latest completed comparison; empty until one completes. */
    public Optional<VaultReconciliationResult> latest() {
        return Optional.ofNullable(latest);
    }

    /** The scheduled check: a chain that cannot be read is logged and counted, not thrown. */
    void checkOnSchedule() {
        try {
            check();
        } catch (RuntimeException unreadable) {
            log.warn("Could not read the vault's balance on chain to reconcile it: {}", unreadable.getMessage());
        }
    }

    private static Counter checksCounter(MeterRegistry meters, String outcome) {
        return Counter.builder(CHECKS_COUNTER)
                .description("Reconciliations of the vault mirror with the chain, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }
}
