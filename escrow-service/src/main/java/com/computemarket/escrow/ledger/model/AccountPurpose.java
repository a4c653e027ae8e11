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
    VAULT_MIRROR,
    /**
     * What a participant owes the platform: the part of a reversed deposit it had already spent. Runs negative by
     * the debt; deposits and withdrawals pay it back first. Owner is the participant's address.
     */
    RECEIVABLE,
    /** Stake a provider asked to unbond, waiting out the cooldown before it returns to AVAILABLE; owner is its address. */
    STAKE_UNBONDING,
    /** Stake locked as collateral by a provider's active leases (tracked per lease beside the ledger); owner is its address. */
    STAKE_LOCKED,
    /** The protocol's share of slashed stake; owner is {@code protocol}. */
    SLASHED_FUNDS,
    /**
     * Withdrawals accepted and debited but not yet paid out by the vault; still in the vault (and in the vault
     * mirror) until they are. Owner is the participant's address.
     */
    PENDING_WITHDRAWAL;

    /** Accounts that hold a claim against someone rather than money owed to someone may go below zero. */
    public boolean mayGoNegative() {
        return this == VAULT_MIRROR || this == RECEIVABLE;
    }
}
