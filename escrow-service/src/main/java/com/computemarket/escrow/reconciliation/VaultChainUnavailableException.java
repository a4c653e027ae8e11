package com.computemarket.escrow.reconciliation;

/** The chain could not be read (unreachable, an RPC error, no contract at the token address); worth retrying. */
public class VaultChainUnavailableException extends RuntimeException {

    public VaultChainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public VaultChainUnavailableException(String message) {
        super(message);
    }
}
