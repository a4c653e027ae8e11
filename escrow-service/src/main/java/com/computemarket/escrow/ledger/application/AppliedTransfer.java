package com.computemarket.escrow.ledger.application;

import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.Transfer;
import java.math.BigInteger;
import java.util.Map;

/**
 * The outcome of {@link Ledger#apply}: the recorded transfer and, when this call recorded it, the balances of the
 * accounts it touched right after. A replay ({@code firstApplication == false}) returns the transfer recorded first
 * and no balances.
 */
public record AppliedTransfer(Transfer transfer, boolean firstApplication, Map<AccountRef, BigInteger> balancesAfter) {

    public AppliedTransfer {
        balancesAfter = Map.copyOf(balancesAfter);
    }

    static AppliedTransfer replayed(Transfer transfer) {
        return new AppliedTransfer(transfer, false, Map.of());
    }
}
