package com.computemarket.escrow.ledger.application;

/** A rule the ledger must never break; {@link #healthName()} is how health and metrics name it. */
public enum LedgerInvariant {
    /** Over all postings, and within every transfer, debits equal credits. */
    DEBITS_EQUAL_CREDITS("debitsEqualCredits"),
    /**
     * No account except the vault mirror and receivables (claims, not money owed) is below zero, neither its stored
     * balance nor the sum of its postings.
     */
    NO_OVERDRAWN_ACCOUNT("noOverdrawnAccount"),
    /** Each account's stored running balance equals the sum of its postings. */
    BALANCE_EQUALS_POSTINGS("balanceEqualsPostings"),
    /** The balances of every account but the vault mirror add up to minus the vault mirror: no money minted or lost. */
    MONEY_CONSERVED("moneyConserved"),
    /**
     * Every posting belongs to a recorded transfer and a recorded account. No foreign key enforces it (V58 dropped
     * them to save each posting two lookups and row locks), so the audit does.
     */
    NO_ORPHAN_POSTING("noOrphanPosting");

    private final String healthName;

    LedgerInvariant(String healthName) {
        this.healthName = healthName;
    }

    public String healthName() {
        return healthName;
    }
}
