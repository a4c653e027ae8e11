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
 * @param reopenings     how many times a reported payout of it left the chain (WithdrawalReopened 1, 2, …): each
 *                       starts a new cycle of REQUESTED → EXECUTED, whose ledger keys carry this number
 */
public record Withdrawal(UUID id, SignedWithdrawal signed, long chainId, String vault, WithdrawalStatus status,
        String idempotencyKey, Instant requestedAt, Instant settledAt, String txHash, String failureReason,
        String failureDetail, int reopenings) {

    public Withdrawal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(signed, "signed");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (reopenings < 0) {
            throw new IllegalArgumentException("reopenings must not be negative: " + reopenings);
        }
    }

    /** A withdrawal just accepted and debited. */
    public static Withdrawal requested(UUID id, SignedWithdrawal signed, long chainId, String vault,
            String idempotencyKey, Instant requestedAt) {
        return new Withdrawal(id, signed, chainId, vault, WithdrawalStatus.REQUESTED, idempotencyKey, requestedAt,
                null, null, null, null, 0);
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
                at, paidInTx, null, null, reopenings);
    }

    /**
     * The vault will never pay it out.
     *
     * @throws IllegalWithdrawalMoveException unless it is still REQUESTED and the answer names its owner and amount
     */
    public Withdrawal fail(String account, BigInteger refused, String reason, String detail, Instant at) {
        requireAnswerMatches("failed", account, refused);
        return new Withdrawal(id, signed, chainId, vault, WithdrawalStatus.FAILED, idempotencyKey, requestedAt, at,
                null, reason, detail, reopenings);
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
                txHash == null ? vanishedTx : txHash, reason, detail, reopenings);
    }

    /**
     * Whether WithdrawalReopened number {@code reopening} was applied already (a repeated answer, which changes
     * nothing).
     */
    public boolean reopenedAlready(int reopening) {
        return reopening >= 1 && reopening <= reopenings;
    }

    /**
     * Its reported payout left the chain in a reorg (the {@code reopening}-th time) and chain-indexer sends it again:
     * the money is in the vault and set aside for the owner again, as when it was requested. REQUESTED again (no
     * payout, no settlement time) with the reopening counted, so the next WithdrawalExecuted is a new cycle.
     *
     * @throws IllegalWithdrawalMoveException unless it is EXECUTED, {@code reopening} is the next one, and the answer
     *                                        names its owner and amount
     */
    public Withdrawal reopen(String account, BigInteger amount, int reopening) {
        if (status != WithdrawalStatus.EXECUTED) {
            throw new IllegalWithdrawalMoveException("withdrawal " + id + " is " + status + ", cannot be reopened"
                    + " (reopening " + reopening + ")");
        }
        if (reopening != reopenings + 1) {
            throw new IllegalWithdrawalMoveException("withdrawal " + id + " was reopened " + reopenings
                    + " times, cannot be reopened as reopening " + reopening);
        }
        requireSameOwnerAndAmount("reopened", account, amount);
        return new Withdrawal(id, signed, chainId, vault, WithdrawalStatus.REQUESTED, idempotencyKey, requestedAt,
                null, null, null, null, reopening);
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
