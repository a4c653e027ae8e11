package com.computemarket.escrow.withdrawals.application;

/** A withdrawal request refused before anything was written; {@code field} names the part of the request to blame. */
public class WithdrawalRefusedException extends RuntimeException {

    private final Reason reason;
    private final String field;

    WithdrawalRefusedException(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }

    public enum Reason {
        DEADLINE_TOO_SOON,
        SIGNATURE_INVALID,
        NONCE_USED,
        INSUFFICIENT_FUNDS,
        IDEMPOTENCY_KEY_REUSED
    }
}
