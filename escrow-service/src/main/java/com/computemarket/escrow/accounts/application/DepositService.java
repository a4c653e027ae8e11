package com.computemarket.escrow.accounts.application;

import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import com.computemarket.events.DepositConfirmed;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Credits confirmed on-chain deposits to the depositor's available balance. */
@Service
public class DepositService {

    private final Ledger ledger;

    DepositService(Ledger ledger) {
        this.ledger = ledger;
    }

    /** A deposit log is credited once, however often the chain indexer reports it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void credit(DepositConfirmed deposit) {
        String key = "deposit:" + deposit.chainId() + ":" + deposit.txHash() + ":" + deposit.logIndex();
        ledger.apply(TransferRequest.move(key, TransferKind.DEPOSIT, null, null, AccountRef.vaultMirror(),
                AccountRef.available(deposit.account()), deposit.amount()));
    }
}
