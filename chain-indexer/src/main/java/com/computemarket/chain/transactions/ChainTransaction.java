package com.computemarket.chain.transactions;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction the operator key means to send, from intent to outcome.
 * <pre>
 *  QUEUED --submit--> SUBMITTED --replace--> SUBMITTED
 *    |                  |  \--confirm--> MINED      (a receipt with status 1 for any attempt)
 *    |                  |   \--revert--> REVERTED   (a receipt with status 0)
 *    \--reject--> REJECTED   (it would revert before anything was signed)
 *  SUBMITTED | MINED | REVERTED --drop--> QUEUED   (its nonce went to another tx, or a reorg removed it)
 *  REJECTED | REVERTED --retry--> QUEUED
 * </pre>
 * Attempts are never forgotten, not even when the transaction is dropped: any of them may still show up on chain.
 */
final class ChainTransaction {

    private final long id;
    private final Purpose purpose;
    private final String subject;
    private final String sender;
    private final String target;
    private final String calldata;
    private final Instant createdAt;
    private final List<TransactionAttempt> attempts;
    private TransactionStatus status;
    private Long nonce;
    private BigInteger gasLimit;
    private String minedTxHash;
    private Long minedBlock;
    private String failure;

    private ChainTransaction(long id, Purpose purpose, String subject, String sender, String target, String calldata,
            Instant createdAt, List<TransactionAttempt> attempts, TransactionStatus status, Long nonce, BigInteger gasLimit,
            String minedTxHash, Long minedBlock, String failure) {
        this.id = id;
        this.purpose = Objects.requireNonNull(purpose);
        this.subject = Objects.requireNonNull(subject);
        this.sender = Objects.requireNonNull(sender);
        this.target = Objects.requireNonNull(target);
        this.calldata = Objects.requireNonNull(calldata);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.attempts = new ArrayList<>(attempts);
        this.status = Objects.requireNonNull(status);
        this.nonce = nonce;
        this.gasLimit = gasLimit;
        this.minedTxHash = minedTxHash;
        this.minedBlock = minedBlock;
        this.failure = failure;
    }

    static ChainTransaction intend(Purpose purpose, String subject, String sender, String target, String calldata,
            Instant now) {
        return new ChainTransaction(0, purpose, subject, sender, target, calldata, now, List.of(), TransactionStatus.QUEUED, null,
                null, null, null, null);
    }

    static ChainTransaction restore(long id, Purpose purpose, String subject, String sender, String target,
            String calldata, Instant createdAt, List<TransactionAttempt> attempts, TransactionStatus status, Long nonce,
            BigInteger gasLimit, String minedTxHash, Long minedBlock, String failure) {
        return new ChainTransaction(id, purpose, subject, sender, target, calldata, createdAt, attempts, status, nonce,
                gasLimit, minedTxHash, minedBlock, failure);
    }

    /** Takes {@code first.nonce()} for this transaction; {@code first} is signed but maybe not broadcast yet. */
    void submit(BigInteger gasLimit, TransactionAttempt first) {
        require(TransactionStatus.QUEUED, "submit");
        this.status = TransactionStatus.SUBMITTED;
        this.nonce = first.nonce();
        this.gasLimit = Objects.requireNonNull(gasLimit);
        this.failure = null;
        attempts.add(first);
    }

    /** Adds a version with the same nonce and fees high enough for nodes to replace the stuck one. */
    void replace(TransactionAttempt higherFee) {
        require(TransactionStatus.SUBMITTED, "replace");
        if (higherFee.nonce() != nonce) {
            throw new IllegalArgumentException("a replacement keeps nonce " + nonce + ", not " + higherFee.nonce());
        }
        if (!higherFee.outbids(latestAttempt())) {
            throw new IllegalArgumentException("a replacement must raise both fees by at least "
                    + TransactionAttempt.MIN_FEE_BUMP_PERCENT + " %");
        }
        attempts.add(higherFee);
    }

    void confirm(String txHash, long block) {
        settle(TransactionStatus.MINED, txHash, block, null);
    }

    void revert(String txHash, long block, String reason) {
        settle(TransactionStatus.REVERTED, txHash, block, reason);
    }

    private void settle(TransactionStatus outcome, String txHash, long block, String reason) {
        require(TransactionStatus.SUBMITTED, "settle");
        if (attempts.stream().noneMatch(attempt -> attempt.txHash().equals(txHash))) {
            throw new IllegalArgumentException(txHash + " is not an attempt of transaction " + id);
        }
        this.status = outcome;
        this.minedTxHash = txHash;
        this.minedBlock = block;
        this.failure = reason;
    }

    /** It would revert now (eth_estimateGas refused it), so nothing was signed for it. */
    void reject(String reason) {
        require(TransactionStatus.QUEUED, "reject");
        this.status = TransactionStatus.REJECTED;
        this.failure = Objects.requireNonNull(reason);
    }

    /**
     * Its transaction is gone: its nonce was used by another transaction, or a reorg removed the block that had it.
     * It goes back to the queue and will be sent again with a fresh nonce.
     */
    void drop() {
        if (status != TransactionStatus.SUBMITTED && status != TransactionStatus.MINED && status != TransactionStatus.REVERTED) {
            throw new IllegalStateException("transaction " + id + " is " + status + ": nothing of it was on chain");
        }
        requeue();
    }

    /** Another try after a rejection or revert that its owner judged temporary. */
    void retry() {
        if (status != TransactionStatus.REJECTED && status != TransactionStatus.REVERTED) {
            throw new IllegalStateException("transaction " + id + " is " + status + ", not failed");
        }
        requeue();
    }

    private void requeue() {
        this.status = TransactionStatus.QUEUED;
        this.nonce = null;
        this.minedTxHash = null;
        this.minedBlock = null;
    }

    private void require(TransactionStatus expected, String move) {
        if (status != expected) {
            throw new IllegalStateException("cannot " + move + " transaction " + id + " (" + purpose + " " + subject
                    + "): it is " + status);
        }
    }

    TransactionAttempt latestAttempt() {
        if (attempts.isEmpty()) {
            throw new IllegalStateException("transaction " + id + " was never signed");
        }
        return attempts.getLast();
    }

    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    long id() {
        return id;
    }

    Purpose purpose() {
        return purpose;
    }

    String subject() {
        return subject;
    }

    String sender() {
        return sender;
    }

    String target() {
        return target;
    }

    String calldata() {
        return calldata;
    }

    Instant createdAt() {
        return createdAt;
    }

    List<TransactionAttempt> attempts() {
        return List.copyOf(attempts);
    }

    TransactionStatus status() {
        return status;
    }

    Long nonce() {
        return nonce;
    }

    BigInteger gasLimit() {
        return gasLimit;
    }

    String minedTxHash() {
        return minedTxHash;
    }

    Long minedBlock() {
        return minedBlock;
    }
}
