package com.computemarket.escrow.ledger.model;

/** What an account holds money for; together with its owner it identifies the account. */
public enum AccountPurpose {
    /** A participant's spendable balance; owner is the participant's address. */
    AVAILABLE,
    /** Funds held for a posted job until its auction ends; owner is the job id. */
    HELD,
    /** Funds escrowed for one lease until its work is verified or rejected; owner is the lease id. */
    LEASE_ESCROW,
    /**
     * What one lease's provider has earned so far, accrued second by second from the lease's escrow and paid out
     * (less the protocol fee) when its work is verified; owner is the lease id.
     */
    LEASE_EARNED,
    /** A provider's bonded stake; owner is the provider's address. */
    STAKE,
    /** Fees the protocol kept from settlements; owner is {@code protocol}. */
    PROTOCOL_FEES,
    /**
     * The on-chain vault as seen by the ledger: the contra account of deposits, so it runs negative by exactly the
     * amount the vault holds for participants. Owner is {@code protocol}.
     */
    VAULT_MIRROR;

    public boolean mayGoNegative() {
        return this == VAULT_MIRROR;
    }
}
