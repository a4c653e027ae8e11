package com.computemarket.escrow.reconciliation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One comparison of the chain with the ledger.
 *
 * @param onChain              the vault's token balance at {@code blockNumber} (a confirmed block)
 * @param ledgerVaultHoldings  what the ledger says the vault holds: minus the vault mirror (it includes withdrawals
 *                             accepted but not yet paid out, which are still in the vault)
 * @param pendingWithdrawals   withdrawals accepted and not yet paid out; the participants' other balances add up to
 *                             {@code onChain − pendingWithdrawals} when the two sides agree
 * @param consecutiveMismatches how many checks in a row, this one included, found the two apart
 */
public record VaultReconciliationResult(Instant checkedAt, long blockNumber, BigInteger onChain,
        BigInteger ledgerVaultHoldings, BigInteger pendingWithdrawals, int consecutiveMismatches,
        int mismatchesToReport) {

    /** On chain minus the ledger: positive if the vault holds more than the ledger accounts for. */
    public BigInteger difference() {
        return onChain.subtract(ledgerVaultHoldings);
    }

    /**
     * A mismatch seen in enough consecutive checks to be real: a deposit or withdrawal confirmed at the compared block
     * but still on its way to escrow clears by the next check; a real discrepancy does not.
     */
    public boolean mismatched() {
        return consecutiveMismatches >= mismatchesToReport;
    }

    Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("checkedAt", checkedAt.toString());
        figures.put("blockNumber", blockNumber);
        figures.put("onChain", onChain.toString());
        figures.put("ledgerVaultHoldings", ledgerVaultHoldings.toString());
        figures.put("pendingWithdrawals", pendingWithdrawals.toString());
        figures.put("difference", difference().toString());
        figures.put("consecutiveMismatches", consecutiveMismatches);
        return figures;
    }
}
