package com.computemarket.escrow.accounts.application;

import com.computemarket.escrow.accounts.application.DepositReversal.Outcome;
import com.computemarket.escrow.ledger.application.AppliedTransfer;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountPurpose;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.Posting;
import com.computemarket.escrow.ledger.model.Transfer;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import com.computemarket.events.DepositReversed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes back the credit of a deposit that a reorg removed from the chain. The vault mirror always gets the whole
 * amount back (the vault no longer holds it). The depositor's available balance gives what it has; whatever it
 * already spent (held for jobs, escrowed, staked, withdrawn) becomes a debt, {@code RECEIVABLE}, paid back first by
 * its next deposits and withdrawals. Money already paid on to others is not clawed back from them. A shortfall is
 * logged at ERROR and counted ({@value #SHORTFALLS_COUNTER}) for alerting.
 */
@Service
public class DepositReversalService {

    static final String SHORTFALLS_COUNTER = "escrow.deposit.reversal.shortfalls";
    static final String REVERSALS_COUNTER = "escrow.deposit.reversals";
    private static final Logger log = LoggerFactory.getLogger(DepositReversalService.class);

    private final Ledger ledger;
    private final Debts debts;
    private final DepositReversalStore store;
    private final Clock clock;
    private final Counter shortfalls;
    private final MeterRegistry meters;

    DepositReversalService(Ledger ledger, Debts debts, DepositReversalStore store, Clock clock, MeterRegistry meters) {
        this.ledger = ledger;
        this.debts = debts;
        this.store = store;
        this.clock = clock;
        this.meters = meters;
        this.shortfalls = Counter.builder(SHORTFALLS_COUNTER)
                .description("Deposit reversals the depositor's available balance could not cover (a debt arose)")
                .register(meters);
    }

    /**
     * Reverses the deposit once; a reversal of a deposit never credited is recorded and moves nothing. A second
     * report of the same reversal (a re-emission under a new event id) changes nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reverse(DepositReversed reversed) {
        DepositKey key = DepositKey.of(reversed);
        if (store.contains(key)) {
            return;
        }
        Optional<Transfer> credit = ledger.transferByKey(key.creditKey());
        Optional<DepositReversal> reversal = credit.isEmpty()
                ? Optional.of(neverCredited(key, reversed))
                : takeBack(key, reversed, credit.get());
        reversal.ifPresent(done -> {
            store.insert(done);
            meters.counter(REVERSALS_COUNTER, "outcome", done.outcome().name()).increment();
        });
    }

    private DepositReversal neverCredited(DepositKey key, DepositReversed reversed) {
        log.warn("Deposit {} of {} to {} was reversed by a reorg but had never been credited; recorded, nothing moved",
                key, reversed.amount(), reversed.account());
        return new DepositReversal(key, reversed.account(), reversed.amount(), reversed.orphanedBlockHash(),
                Outcome.NEVER_CREDITED, BigInteger.ZERO, BigInteger.ZERO, null, clock.instant());
    }

    /** Empty if a concurrent report of the same reversal took the credit back first. */
    private Optional<DepositReversal> takeBack(DepositKey key, DepositReversed reversed, Transfer credit) {
        String account = reversed.account();
        boolean creditedToAccount = credit.postings().stream()
                .filter(posting -> posting.account().purpose() != AccountPurpose.VAULT_MIRROR)
                .allMatch(posting -> posting.account().owner().equals(account));
        if (!creditedToAccount) {
            throw new IllegalStateException("deposit " + key + " was credited to another account than " + account);
        }
        // What the ledger credited is what comes back, whatever the reversal says.
        BigInteger amount = credit.postings().stream()
                .filter(posting -> posting.account().equals(AccountRef.vaultMirror()))
                .map(Posting::amount).reduce(BigInteger.ZERO, BigInteger::add);
        if (amount.compareTo(reversed.amount()) != 0) {
            log.error("Deposit {} was credited with {} but its reversal says {}; taking back what was credited",
                    key, amount, reversed.amount());
        }
        Debts.Balances balances = debts.lock(account);
        if (ledger.transferByKey(key.reversalKey()).isPresent()) {
            return Optional.empty();
        }
        BigInteger takenBack = balances.available().min(amount);
        BigInteger shortfall = amount.subtract(takenBack);
        List<Posting> postings = new ArrayList<>();
        postings.add(Posting.credit(AccountRef.vaultMirror(), amount));
        if (takenBack.signum() > 0) {
            postings.add(Posting.debit(AccountRef.available(account), takenBack));
        }
        if (shortfall.signum() > 0) {
            postings.add(Posting.debit(AccountRef.receivable(account), shortfall));
        }
        AppliedTransfer applied = ledger.apply(
                new TransferRequest(key.reversalKey(), TransferKind.DEPOSIT_REVERSAL, null, null, postings));
        if (shortfall.signum() > 0) {
            shortfalls.increment();
            log.error("Deposit {} reversed by a reorg (orphaned block {}): {} had already spent {} of {}; it now owes "
                            + "that amount (RECEIVABLE), repaid first from its next deposits and withdrawals",
                    key, reversed.orphanedBlockHash(), account, shortfall, amount);
        }
        return Optional.of(new DepositReversal(key, account, amount, reversed.orphanedBlockHash(), Outcome.REVERSED,
                takenBack, shortfall, applied.transfer().id(), clock.instant()));
    }
}
