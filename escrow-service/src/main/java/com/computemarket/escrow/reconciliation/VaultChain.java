package com.computemarket.escrow.reconciliation;

import java.math.BigInteger;

/** Reads what the vault holds on chain. */
public interface VaultChain {

    /**
     * The vault's token balance at the newest block that has the configured confirmations.
     *
     * @throws VaultChainUnavailableException if the chain cannot be read
     */
    VaultBalance confirmedVaultBalance();

    /** The vault's token balance as of one block. */
    record VaultBalance(long blockNumber, BigInteger balance) {
    }
}
