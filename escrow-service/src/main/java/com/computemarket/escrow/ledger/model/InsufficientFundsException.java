package com.computemarket.escrow.ledger.model;

import java.math.BigInteger;

/** A transfer would overdraw an account; it was refused and nothing was written. */
public class InsufficientFundsException extends RuntimeException {

    private final AccountRef account;
    private final BigInteger required;
    private final BigInteger available;

    public InsufficientFundsException(AccountRef account, BigInteger required, BigInteger available) {
        super(account + " holds " + available + " but " + required + " is required");
        this.account = account;
        this.required = required;
        this.available = available;
    }

    public AccountRef account() {
        return account;
    }

    public BigInteger required() {
        return required;
    }

    public BigInteger available() {
        return available;
    }
}
