package com.computemarket.escrow.withdrawals.model;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One withdrawal from the vault: what the owner signed, where it stands, and how chain-indexer answered.
 *
 * @param idempotencyKey the caller's Idempotency-Key, null if it sent none
 * @param txHash         the vault transaction that paid it out, once EXECUTED (kept when REVERSED: the one that vanished)
 * @param failureReason  chain-indexer's stable reason code, once FAILED or REVERSED
 */
public record Withdrawal(UUID id, SignedWithdrawal signed, long chainId, String vault, WithdrawalStatus status,
        String idempotencyKey, Instant requestedAt, Instant settledAt, String txHash, String failureReason,
        String failureDetail) {

    public Withdrawal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(signed, "signed");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** A withdrawal just accepted and debited. */
    public static Withdrawal requested(UUID id, SignedWithdrawal signed, long chainId, String vault,
            String idempotencyKey, Instant requestedAt) {
        return new Withdrawal(id, signed, chainId, vault, WithdrawalStatus.REQUESTED, idempotencyKey, requestedAt,
                null, null, null, null);
    }

    public String owner() {
        return signed.owner();
    }

    public BigInteger amount() {
        return signed.amount();
    }

    /**
     * The vault paid it out.
     *
     * @throws IllegalWithdrawalMoveException unless it is still REQUESTED and the answer names its owner and amount
     */
    public Withdrawal execute(String account, BigInteger paid, String paidInTx, Instant at) {
        requireAnswerMatches("executed", account, paid);
        return new Withdrawal(id, signed, chainId, vault, WithdrawalStatus.EXECUTED, idempotencyKey, requestedAt,
                at, paidInTx, null, null);
    }

    /**
     * The vault will never pay it out.
     *
     * @throws IllegalWithdrawalMoveException unless it is still REQUESTED and the answer names its owner and amount
     */
    public Withdrawal fail(String account, BigInteger refused, String reason, String detail, Instant at) {
        requireAnswerMatches("failed", account, refused);
        return new Withdrawal(id, signed, chainId, vault, WithdrawalStatus.FAILED, idempotencyKey, requestedAt, at,
                null, reason, detail);
    }

    /**
     * Its payout did not stay on chain and the vault refused to pay it again. From EXECUTED (the usual order) or from
     * REQUESTED (the reversal overtook its WithdrawalExecuted, which then changes nothing).
     *
     * @throws IllegalWithdrawalMoveException if it FAILED, or the answer names another owner or amount
     */
    public Withdrawal reverse(String account, BigInteger returned, String reason, String detail, String vanishedTx,
            Instant at) {
        if (status != WithdrawalStatus.EXECUTED && status != WithdrawalStatus.REQUESTED) {
            throw new IllegalWithdrawalMoveException("withdrawal " + id + " is " + status + ", cannot be reversed");
        }
        requireSameOwnerAndAmount("reversed", account, returned);
        return new Withdrawal(id, signed, chainId, vault, WithdrawalStatus.REVERSED, idempotencyKey, requestedAt, at,
                txHash == null ? vanishedTx : txHash, reason, detail);
    }

    private void requireAnswerMatches(String answer, String account, BigInteger amount) {
        if (status != WithdrawalStatus.REQUESTED) {
            throw new IllegalWithdrawalMoveException("withdrawal " + id + " is " + status + ", cannot be " + answer);
        }
        requireSameOwnerAndAmount(answer, account, amount);
    }

    private void requireSameOwnerAndAmount(String answer, String account, BigInteger amount) {
        if (!owner().equalsIgnoreCase(account) || amount().compareTo(amount) != 0) {
            throw new IllegalWithdrawalMoveException("withdrawal " + id + " of " + amount() + " by " + owner()
                    + " answered as " + answer + " for " + amount + " by " + account);
        }
    }
}
