package com.computemarket.escrow.withdrawals.model;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The typed data an owner signs to withdraw: {@code Withdrawal(address owner,address to,uint256 amount,uint256
 * nonce,uint256 deadline)}, with the signature (65 bytes r ‖ s ‖ v, hex).
 *
 * @param deadline Unix seconds after which the vault refuses it
 */
public record SignedWithdrawal(String owner, String to, BigInteger amount, BigInteger nonce, long deadline,
        String signature) {

    public SignedWithdrawal {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(signature, "signature");
    }

    /** Same request: the same typed data and signature (addresses compared without regard to checksum case). */
    public boolean sameAs(SignedWithdrawal other) {
        return owner.equalsIgnoreCase(other.owner) && to.equalsIgnoreCase(other.to) && amount.equals(other.amount)
                && nonce.equals(other.nonce) && deadline == other.deadline
                && signature.equalsIgnoreCase(other.signature);
    }
}
