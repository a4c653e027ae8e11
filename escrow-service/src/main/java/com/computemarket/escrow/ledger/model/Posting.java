package com.computemarket.escrow.ledger.model;

import java.math.BigInteger;
import java.util.Objects;

/** One leg of a transfer: a positive amount debited from or credited to one account. */
public record Posting(AccountRef account, Direction direction, BigInteger amount) {

    public Posting {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a posting amount must be positive, was " + amount);
        }
    }

    public static Posting debit(AccountRef account, BigInteger amount) {
        return new Posting(account, Direction.DEBIT, amount);
    }

    public static Posting credit(AccountRef account, BigInteger amount) {
        return new Posting(account, Direction.CREDIT, amount);
    }

    /** How this posting changes its account's balance. */
    public BigInteger balanceChange() {
        return direction == Direction.CREDIT ? amount : amount.negate();
    }
}
