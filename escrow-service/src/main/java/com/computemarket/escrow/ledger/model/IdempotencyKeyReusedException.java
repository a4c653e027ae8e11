package com.computemarket.escrow.ledger.model;

/** An idempotency key already names a transfer that moved different money; the new request was refused. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String idempotencyKey) {
        super("idempotency key " + idempotencyKey + " was already used for a different transfer");
    }
}
