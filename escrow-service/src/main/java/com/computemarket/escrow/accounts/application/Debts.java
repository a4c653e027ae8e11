package com.computemarket.escrow.accounts.application;

import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What participants owe after a reorg reversed a deposit they had already spent ({@code RECEIVABLE}, negative by the
 * debt), and its repayment: money coming in (a deposit) or going out (a withdrawal) pays the debt first.
 */
@Service
public class Debts {

    private final Ledger ledger;

    Debts(Ledger ledger) {
        this.ledger = ledger;
    }

    /**
     * Locks the participant's available and receivable accounts until the transaction ends and returns their
     * balances, so that amounts decided from them stay right until the transfer is recorded.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Balances lock(String address) {
        AccountRef available = AccountRef.available(address);
        AccountRef receivable = AccountRef.receivable(address);
        Map<AccountRef, BigInteger> balances = ledger.lockForDecision(List.of(available, receivable));
        return new Balances(balances.get(available), balances.get(receivable).negate().max(BigInteger.ZERO));
    }

    /** Pays as much of the participant's debt as its available balance allows; nothing if it owes nothing. */
    @Transactional(propagation = Propagation.MANDATORY)
    public BigInteger repayFromAvailable(String address, String idempotencyKey) {
        Balances balances = lock(address);
        BigInteger repaid = balances.owed().min(balances.available());
        if (repaid.signum() > 0) {
            ledger.apply(TransferRequest.move(idempotencyKey, TransferKind.DEBT_REPAYMENT, null, null,
                    AccountRef.available(address), AccountRef.receivable(address), repaid));
        }
        return repaid;
    }

    /** @param owed what the participant owes (zero or more) */
    public record Balances(BigInteger available, BigInteger owed) {
    }
}
