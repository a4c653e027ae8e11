package com.computemarket.escrow.accounts.application;

import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.Posting;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import com.computemarket.events.DepositConfirmed;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credits confirmed on-chain deposits to the depositor: first to what it owes after a reversed deposit
 * ({@link Debts}), the rest to its available balance.
 */
@Service
public class DepositService {

    private static final Logger log = LoggerFactory.getLogger(DepositService.class);

    private final Ledger ledger;
    private final Debts debts;
    private final DepositReversalStore reversals;

    DepositService(Ledger ledger, Debts debts, DepositReversalStore reversals) {
        this.ledger = ledger;
        this.debts = debts;
        this.reversals = reversals;
    }

    /**
     * A deposit's confirmation is credited once, however often the chain indexer reports it, and never after a reorg
     * removed it (a confirmation that arrives after its own reversal). A deposit whose log came back after a reversal
     * is confirmed again with the next generation and credited again, once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void credit(DepositConfirmed deposit) {
        DepositKey key = DepositKey.of(deposit);
        if (reversals.contains(key)) {
            log.warn("Deposit {} of {} to {} was reversed by a reorg before it was credited; not crediting it",
                    key, deposit.amount(), deposit.account());
            return;
        }
        Debts.Balances balances = debts.lock(deposit.account());
        // Looked up under the locks: the split below depends on the debt, so a credit recorded meanwhile (with
        // another split) must be seen as done, not compared with this one.
        if (ledger.transferByKey(key.creditKey()).isPresent()) {
            return;
        }
        BigInteger repaid = balances.owed().min(deposit.amount());
        List<Posting> postings = new ArrayList<>();
        postings.add(Posting.debit(AccountRef.vaultMirror(), deposit.amount()));
        if (repaid.signum() > 0) {
            postings.add(Posting.credit(AccountRef.receivable(deposit.account()), repaid));
        }
        if (deposit.amount().compareTo(repaid) > 0) {
            postings.add(Posting.credit(AccountRef.available(deposit.account()), deposit.amount().subtract(repaid)));
        }
        ledger.apply(new TransferRequest(key.creditKey(), TransferKind.DEPOSIT, null, null, postings));
    }
}
