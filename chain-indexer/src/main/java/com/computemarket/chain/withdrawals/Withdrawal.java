package com.computemarket.chain.withdrawals;

import com.computemarket.chain.indexing.BlockHeader;
import com.computemarket.events.MarketEvent;
import com.computemarket.events.WithdrawalExecuted;
import com.computemarket.events.WithdrawalFailed;
import com.computemarket.events.WithdrawalReopened;
import com.computemarket.events.WithdrawalRequested;
import com.computemarket.events.WithdrawalReversed;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One signed withdrawal on its way to the vault.
 * <pre>
 *  REQUESTED --mined--> MINED --execute--> EXECUTED   (WithdrawalExecuted, after enough confirmations, once)
 *  REQUESTED --refused--> FAILED                      (never announced: WithdrawalFailed, escrow credits it back)
 *  REQUESTED --refused--> REVERSED                    (announced, then its tx vanished and the resend was refused
 *                                                      for good: WithdrawalReversed, escrow credits it back)
 *  REQUESTED --refused--> REQUESTED                   (a transaction with its signature went out, announced or not,
 *                                                      and the refusal may pass: kept, the refusal recorded, sent
 *                                                      again)
 *  MINED --reopen--> REQUESTED                      (its transaction left the chain before it was reported; the
 *                                                      journal sends it again; escrow still holds it pending)
 *  EXECUTED --reopen--> REQUESTED                     (a reported payout left the chain: WithdrawalReopened(n), the
 *                                                      n-th reopening; escrow holds it pending again; the journal
 *                                                      sends it again)
 * </pre>
 * The vault pays each (owner, nonce) once, so sending again after a reopen can never pay twice. Escrow counts an
 * announced payout as gone from the vault, so each WithdrawalExecuted (its cycle: {@code announcedReopening}, its
 * transaction: {@code announcedTxHash}) is answered by a WithdrawalReopened when the payout leaves the chain, and the
 * resend, once paid and buried, is announced again with the next cycle's WithdrawalExecuted; a resend refused for good
 * is reported as WithdrawalReversed. Rows reopened before reopenings were counted (announced, never reopened in a
 * counted cycle) are not announced again: escrow still counts them paid. Once a transaction carrying the owner's
 * signature was signed (and so may have been broadcast), a refusal ends the withdrawal only when no such transaction
 * can pay any more (see {@link #refused}): until then one may still be pending on some node and be mined, so escrow
 * must not credit the money back.
 */
final class Withdrawal {

    enum Status { REQUESTED, MINED, EXECUTED, FAILED, REVERSED }

    private final WithdrawalRequested request;
    private Status status;
    private String txHash;
    private Long blockNumber;
    private WithdrawalFailure failureReason;
    private String failureDetail;
    private String announcedTxHash;
    private Integer announcedReopening;
    private int reopenings;

    private Withdrawal(WithdrawalRequested request, Status status, String txHash, Long blockNumber,
            WithdrawalFailure failureReason, String failureDetail, String announcedTxHash,
            Integer announcedReopening, int reopenings) {
        this.request = Objects.requireNonNull(request);
        this.status = Objects.requireNonNull(status);
        this.txHash = txHash;
        this.blockNumber = blockNumber;
        this.failureReason = failureReason;
        this.failureDetail = failureDetail;
        this.announcedTxHash = announcedTxHash;
        this.announcedReopening = announcedReopening;
        this.reopenings = reopenings;
    }

    static Withdrawal request(WithdrawalRequested request) {
        if (request.amount().signum() <= 0) {
            throw new IllegalArgumentException("withdrawal " + request.withdrawalId() + " has no positive amount");
        }
        return new Withdrawal(request, Status.REQUESTED, null, null, null, null, null, null, 0);
    }

    static Withdrawal restore(WithdrawalRequested request, Status status, String txHash, Long blockNumber,
            WithdrawalFailure failureReason, String failureDetail, String announcedTxHash,
            Integer announcedReopening, int reopenings) {
        return new Withdrawal(request, status, txHash, blockNumber, failureReason, failureDetail, announcedTxHash,
                announcedReopening, reopenings);
    }

    void mined(String txHash, long blockNumber) {
        require(Status.REQUESTED, "record the mining of");
        this.status = Status.MINED;
        this.txHash = Objects.requireNonNull(txHash);
        this.blockNumber = blockNumber;
        // paid after all: an earlier refusal it waited through no longer describes it
        this.failureReason = null;
        this.failureDetail = null;
    }

    /**
     * Its transaction is gone from the chain (reorg); the journal sends it again. An EXECUTED withdrawal was reported
     * paid, so escrow hears that it is not any more: WithdrawalReopened with the next reopening number, after which
     * the resend's payout is announced as a new cycle. A MINED one was never reported (escrow holds it pending):
     * nothing to say. Either keeps what was announced, so that a final refusal of the resend is a reversal.
     */
    Optional<WithdrawalReopened> reopen() {
        if (status != Status.MINED && status != Status.EXECUTED) {
            throw new IllegalStateException("cannot reopen withdrawal " + request.withdrawalId() + ": it is " + status
                    + ", nothing of it is on chain");
        }
        Optional<WithdrawalReopened> reopened = Optional.empty();
        if (status == Status.EXECUTED) {
            this.reopenings++;
            reopened = Optional.of(new WithdrawalReopened(request.withdrawalId(), request.chainId(),
                    request.account(), request.amount(), txHash, reopenings));
        }
        this.status = Status.REQUESTED;
        this.txHash = null;
        this.blockNumber = null;
        return reopened;
    }

    /** Its transaction is still on chain, in block {@code blockNumber} (a reorg may have moved it). */
    void minedIn(long blockNumber) {
        if (status != Status.MINED && status != Status.EXECUTED) {
            throw new IllegalStateException("withdrawal " + request.withdrawalId() + " is " + status + ", not on chain");
        }
        this.blockNumber = blockNumber;
    }

    boolean confirmedAt(long headBlock, int confirmations) {
        return status == Status.MINED && blockNumber <= headBlock - confirmations;
    }

    /**
     * Buried deep enough: WithdrawalExecuted, unless this cycle (since the latest reopening) was announced already,
     * which only a row reopened before reopenings were counted can be.
     */
    Optional<WithdrawalExecuted> execute() {
        require(Status.MINED, "execute");
        this.status = Status.EXECUTED;
        if (announcedReopening != null && announcedReopening == reopenings) {
            return Optional.empty();
        }
        this.announcedTxHash = txHash;
        this.announcedReopening = reopenings;
        return Optional.of(new WithdrawalExecuted(request.withdrawalId(), request.chainId(), request.account(),
                request.to(), request.amount(), txHash, blockNumber));
    }

    /**
     * The vault refused its transaction for {@code reason} (in simulation, or mined and reverted): decides what that
     * means and records it. Only a withdrawal for which no transaction carrying the owner's signature was ever signed
     * (every send refused in simulation, nothing broadcast) and that was never reported fails at once, with the
     * vault's reason. Otherwise such a transaction may still be pending on some node and pay later (a reorg may have
     * put it back in a pool, a dropped or replaced one may still be out there), so escrow must not hear that the
     * money stays: it ends only when no transaction with the signature can pay any more, NONCE_USED (the caller made
     * sure the log is not one of its own transactions, which it adopts instead) or a deadline behind the latest block
     * (DEADLINE_PASSED, whatever the vault answered: a paused vault answers EnforcedPause first). Until then it
     * waits: it stays REQUESTED with the refusal recorded and is sent again.
     *
     * @param signatureSent the journal holds a signed transaction of this withdrawal (it may have been broadcast)
     * @param latest the chain's latest block: the vault refuses the signature in every block after the deadline
     * @return WithdrawalFailed (never reported) or WithdrawalReversed (reported) when the refusal is final; empty
     *         while it waits
     */
    Optional<MarketEvent> refused(WithdrawalFailure reason, String detail, boolean signatureSent,
            BlockHeader latest) {
        require(Status.REQUESTED, "record a refusal of");
        if (!announced() && !signatureSent) {
            return Optional.of(refuse(reason, detail));
        }
        if (reason == WithdrawalFailure.NONCE_USED) {
            return Optional.of(refuse(reason, detail));
        }
        if (expiredAt(latest.time())) {
            return Optional.of(refuse(WithdrawalFailure.DEADLINE_PASSED, expiryAt(latest) + "; " + detail));
        }
        this.failureReason = Objects.requireNonNull(reason);
        this.failureDetail = Objects.requireNonNull(detail);
        return Optional.empty();
    }

    /**
     * Final: WithdrawalFailed if nothing was announced yet, WithdrawalReversed if escrow was told it was executed
     * (its transaction has since left the chain). A reported withdrawal is reversed only for a refusal that can never
     * turn into a payment, which the caller has checked on chain: DEADLINE_PASSED (the signed deadline is behind the
     * latest block, so every later block refuses the signature too) or NONCE_USED by another withdrawal's payout (its
     * own payout is adopted instead, never refused). {@link #refused} decides for an unreported one whose signature
     * went out.
     */
    MarketEvent refuse(WithdrawalFailure reason, String detail) {
        require(Status.REQUESTED, "refuse");
        if (announced() && !reason.endsEveryPayment()) {
            throw new IllegalStateException("withdrawal " + request.withdrawalId() + " was reported executed; "
                    + reason + " does not stop its signature from paying later, so it cannot be reversed for it");
        }
        this.failureReason = Objects.requireNonNull(reason);
        this.failureDetail = Objects.requireNonNull(detail);
        if (announced()) {
            this.status = Status.REVERSED;
            return new WithdrawalReversed(request.withdrawalId(), request.chainId(), request.account(),
                    request.amount(), announcedTxHash, reason.name(), detail);
        }
        this.status = Status.FAILED;
        return new WithdrawalFailed(request.withdrawalId(), request.chainId(), request.account(), request.amount(),
                reason.name(), detail);
    }

    /** Why DEADLINE_PASSED is final at {@code latest}. */
    String expiryAt(BlockHeader latest) {
        return "the signed deadline " + request.deadline() + " is behind block " + latest.number() + " (timestamp "
                + latest.time().getEpochSecond() + "), no transaction with this signature can pay";
    }

    /** The vault refuses its signature in a block with this timestamp (and in every later block). */
    boolean expiredAt(Instant blockTime) {
        return blockTime.getEpochSecond() > request.deadline();
    }

    /** WithdrawalExecuted went out for it (it may have been sent again since). */
    boolean announced() {
        return announcedTxHash != null;
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

    String announcedTxHash() {
        return announcedTxHash;
    }

    /** The reopening whose cycle WithdrawalExecuted last announced (0: the first payout), null if none was. */
    Integer announcedReopening() {
        return announcedReopening;
    }

    /** How many times a reported payout of it left the chain (WithdrawalReopened went out for each). */
    int reopenings() {
        return reopenings;
    }
}
