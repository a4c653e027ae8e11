package com.computemarket.escrow.ledger.model;

import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifies one ledger account. Owners are an EIP-55 address (AVAILABLE, STAKE, STAKE_UNBONDING, STAKE_LOCKED,
 * RECEIVABLE, PENDING_WITHDRAWAL), a job id (HELD), a lease id (LEASE_ESCROW, LEASE_EARNED) or the literal
 * {@value #PROTOCOL} (PROTOCOL_FEES, VAULT_MIRROR, SLASHED_FUNDS).
 */
public record AccountRef(String owner, AccountPurpose purpose) implements Comparable<AccountRef> {

    public static final String PROTOCOL = "protocol";
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    /** The order in which transfers lock accounts, so that two transfers never wait on each other in a cycle. */
    private static final Comparator<AccountRef> LOCK_ORDER =
            Comparator.comparing(AccountRef::owner).thenComparing(AccountRef::purpose);

    public AccountRef {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(purpose, "purpose");
        if (owner.isBlank() || owner.length() > 66) {
            throw new IllegalArgumentException("account owner must be 1 to 66 characters: " + owner);
        }
    }

    public static AccountRef available(String address) {
        return new AccountRef(requireAddress(address), AccountPurpose.AVAILABLE);
    }

    public static AccountRef stake(String address) {
        return new AccountRef(requireAddress(address), AccountPurpose.STAKE);
    }

    public static AccountRef receivable(String address) {
        return new AccountRef(requireAddress(address), AccountPurpose.RECEIVABLE);
    }

    public static AccountRef stakeUnbonding(String address) {
        return new AccountRef(requireAddress(address), AccountPurpose.STAKE_UNBONDING);
    }

    public static AccountRef stakeLocked(String address) {
        return new AccountRef(requireAddress(address), AccountPurpose.STAKE_LOCKED);
    }

    public static AccountRef slashedFunds() {
        return new AccountRef(PROTOCOL, AccountPurpose.SLASHED_FUNDS);
    }

    public static AccountRef pendingWithdrawal(String address) {
        return new AccountRef(requireAddress(address), AccountPurpose.PENDING_WITHDRAWAL);
    }

    public static AccountRef held(UUID jobId) {
        return new AccountRef(jobId.toString(), AccountPurpose.HELD);
    }

    public static AccountRef leaseEscrow(UUID leaseId) {
        return new AccountRef(leaseId.toString(), AccountPurpose.LEASE_ESCROW);
    }

    public static AccountRef leaseEarned(UUID leaseId) {
        return new AccountRef(leaseId.toString(), AccountPurpose.LEASE_EARNED);
    }

    public static AccountRef protocolFees() {
        return new AccountRef(PROTOCOL, AccountPurpose.PROTOCOL_FEES);
    }

    public static AccountRef vaultMirror() {
        return new AccountRef(PROTOCOL, AccountPurpose.VAULT_MIRROR);
    }

    public static String requireAddress(String address) {
        if (address == null || !ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("not an Ethereum address: " + address);
        }
        return address;
    }

    @Override
    public int compareTo(AccountRef other) {
        return LOCK_ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return purpose + "(" + owner + ")";
    }
}
