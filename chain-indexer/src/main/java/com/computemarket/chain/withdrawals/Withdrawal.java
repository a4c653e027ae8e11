package com.computemarket.chain.withdrawals;

import com.computemarket.events.WithdrawalExecuted;
import com.computemarket.events.WithdrawalFailed;
import com.computemarket.events.WithdrawalRequested;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One signed withdrawal on its way to the vault.
 * <pre>
 *  REQUESTED --mined--> MINED --execute--> EXECUTED   (WithdrawalExecuted, after enough confirmations)
 *  REQUESTED --fail--> FAILED                         (WithdrawalFailed: escrow credits the amount back)
 *  MINED --reopen--> REQUESTED                        (its transaction left the chain; the journal sends it again)
 * </pre>
 * The vault pays each (owner, nonce) once, so sending again after a reopen can never pay twice.
 */
final class Withdrawal {

    enum Status { REQUESTED, MINED, EXECUTED, FAILED }

    private final WithdrawalRequested request;
    private Status status;
    private String txHash;
    private Long blockNumber;
    private WithdrawalFailure failureReason;
    private String failureDetail;

    private Withdrawal(WithdrawalRequested request, Status status, String txHash, Long blockNumber,
            WithdrawalFailure failureReason, String failureDetail) {
        this.request = Objects.requireNonNull(request);
        this.status = Objects.requireNonNull(status);
        this.txHash = txHash;
        this.blockNumber = blockNumber;
        this.failureReason = failureReason;
        this.failureDetail = failureDetail;
    }

    static Withdrawal request(WithdrawalRequested request) {
        if (request.amount().signum() <= 0) {
            throw new IllegalArgumentException("withdrawal " + request.withdrawalId() + " has no positive amount");
        }
        return new Withdrawal(request, Status.REQUESTED, null, null, null, null);
    }

    static Withdrawal restore(WithdrawalRequested request, Status status, String txHash, Long blockNumber,
            WithdrawalFailure failureReason, String failureDetail) {
        return new Withdrawal(request, status, txHash, blockNumber, failureReason, failureDetail);
    }

    void mined(String txHash, long blockNumber) {
        require(Status.REQUESTED, "record the mining of");
        this.status = Status.MINED;
        this.txHash = Objects.requireNonNull(txHash);
        this.blockNumber = blockNumber;
    }

    /** Its transaction is gone from the chain (reorg); the journal sends it again. */
    void reopen() {
        require(Status.MINED, "reopen");
        this.status = Status.REQUESTED;
        this.txHash = null;
        this.blockNumber = null;
    }

    boolean confirmedAt(long headBlock, int confirmations) {
        return status == Status.MINED && blockNumber <= headBlock - confirmations;
    }

    WithdrawalExecuted execute() {
        require(Status.MINED, "execute");
        this.status = Status.EXECUTED;
        return new WithdrawalExecuted(request.withdrawalId(), request.chainId(), request.account(), request.to(),
                request.amount(), txHash, blockNumber);
    }

    WithdrawalFailed fail(WithdrawalFailure reason, String detail) {
        require(Status.REQUESTED, "fail");
        this.status = Status.FAILED;
        this.failureReason = Objects.requireNonNull(reason);
        this.failureDetail = Objects.requireNonNull(detail);
        return new WithdrawalFailed(request.withdrawalId(), request.chainId(), request.account(), request.amount(),
                reason.name(), detail);
    }

    private void require(Status expected, String move) {
        if (status != expected) {
            throw new IllegalStateException("cannot " + move + " withdrawal " + request.withdrawalId() + ": it is "
                    + status);
        }
    }

    UUID id() {
        return request.withdrawalId();
    }

    WithdrawalRequested request() {
        return request;
    }

    BigInteger nonce() {
        return request.nonce();
    }

    Status status() {
        return status;
    }

    String txHash() {
        return txHash;
    }

    Long blockNumber() {
        return blockNumber;
    }

    WithdrawalFailure failureReason() {
        return failureReason;
    }

    String failureDetail() {
        return failureDetail;
    }
}
