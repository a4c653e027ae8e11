package com.computemarket.escrow.withdrawals.application;

import com.computemarket.escrow.ChainProperties;
import com.computemarket.escrow.MarketEventPublisher;
import com.computemarket.escrow.accounts.application.Debts;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.InsufficientFundsException;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import com.computemarket.escrow.withdrawals.application.WithdrawalRefusedException.Reason;
import com.computemarket.escrow.withdrawals.model.IllegalWithdrawalMoveException;
import com.computemarket.escrow.withdrawals.model.SignedWithdrawal;
import com.computemarket.escrow.withdrawals.model.Withdrawal;
import com.computemarket.escrow.withdrawals.model.WithdrawalSignatures;
import com.computemarket.escrow.withdrawals.model.WithdrawalStatus;
import com.computemarket.events.WithdrawalExecuted;
import com.computemarket.events.WithdrawalFailed;
import com.computemarket.events.WithdrawalReopened;
import com.computemarket.events.WithdrawalRequested;
import com.computemarket.events.WithdrawalReversed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.IdGenerator;

/**
 * Accepts withdrawals signed by their owner, debits them at once (AVAILABLE → PENDING_WITHDRAWAL) and announces them
 * to chain-indexer in the same transaction; applies its answer once: executed (PENDING_WITHDRAWAL → VAULT_MIRROR,
 * the money left the vault) or failed (PENDING_WITHDRAWAL → AVAILABLE, compensated); and, after a reorg removed a
 * reported payout that the vault then refused to make again, reversed (VAULT_MIRROR → AVAILABLE). A reported payout
 * that a reorg removed while chain-indexer sends it again is reopened (VAULT_MIRROR → PENDING_WITHDRAWAL): the ledger
 * then says the money is in the vault, pending, as it is, and the resend's answer starts a new cycle.
 */
@Service
public class WithdrawalService {

    /** A deadline closer than this leaves chain-indexer too little time to execute before the vault refuses it. */
    static final Duration MINIMUM_TIME_TO_EXECUTE = Duration.ofMinutes(2);

    private final Ledger ledger;
    private final Debts debts;
    private final WithdrawalStore store;
    private final MarketEventPublisher events;
    private final WithdrawalSignatures signatures;
    private final ChainProperties chain;
    private final Clock clock;
    private final IdGenerator ids;

    WithdrawalService(Ledger ledger, Debts debts, WithdrawalStore store, MarketEventPublisher events,
            ChainProperties chain, Clock clock, IdGenerator ids) {
        this.ledger = ledger;
        this.debts = debts;
        this.store = store;
        this.events = events;
        this.chain = chain;
        this.signatures = new WithdrawalSignatures(chain.chainId(), chain.vault());
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Accepts the withdrawal if its owner signed it, its deadline leaves time to execute it, its nonce is unused and
     * the owner's available balance (after paying any debt) covers it. A request repeated with the same
     * Idempotency-Key returns the first withdrawal.
     *
     * @throws WithdrawalRefusedException with nothing written
     */
    @Transactional
    public Withdrawal request(SignedWithdrawal signed, Optional<String> idempotencyKey) {
        if (idempotencyKey.isPresent()) {
            Optional<Withdrawal> first = store.findByIdempotencyKey(signed.owner(), idempotencyKey.get());
            if (first.isPresent()) {
                if (!first.get().signed().sameAs(signed)) {
                    throw new WithdrawalRefusedException(Reason.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key",
                            "This Idempotency-Key was already used for a different withdrawal.");
                }
                return first.get();
            }
        }
        // PostgreSQL keeps microseconds: the first answer must read the same as its replay from the table
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (Instant.ofEpochSecond(signed.deadline()).isBefore(now.plus(MINIMUM_TIME_TO_EXECUTE))) {
            throw new WithdrawalRefusedException(Reason.DEADLINE_TOO_SOON, "deadline", "The deadline "
                    + signed.deadline() + " must be at least " + MINIMUM_TIME_TO_EXECUTE.toSeconds()
                    + " seconds after now (" + now.getEpochSecond() + "), so that the vault can still execute it.");
        }
        if (!signatures.signer(signed).map(signer -> signer.equalsIgnoreCase(signed.owner())).orElse(false)) {
            throw new WithdrawalRefusedException(Reason.SIGNATURE_INVALID, "signature", "The signature is not the "
                    + "caller's EIP-712 signature of this withdrawal (chainId " + chain.chainId() + ", vault "
                    + chain.vault() + ").");
        }
        if (store.nonceUsed(signed.owner(), signed.nonce())) {
            throw new WithdrawalRefusedException(Reason.NONCE_USED, "nonce",
                    "Nonce " + signed.nonce() + " was already used by this account; sign with an unused one.");
        }
        UUID id = ids.generateId();
        debts.repayFromAvailable(signed.owner(), "debt-repayment:withdrawal:" + id);
        try {
            ledger.apply(TransferRequest.move("withdrawal:" + id, TransferKind.WITHDRAWAL_REQUEST, null, null,
                    AccountRef.available(signed.owner()), AccountRef.pendingWithdrawal(signed.owner()),
                    signed.amount()));
        } catch (InsufficientFundsException refused) {
            throw new WithdrawalRefusedException(Reason.INSUFFICIENT_FUNDS, "amount", "Cannot withdraw "
                    + signed.amount() + ": the available balance is " + refused.available() + ".");
        }
        Withdrawal withdrawal = Withdrawal.requested(id, signed, chain.chainId(), chain.vault(),
                idempotencyKey.orElse(null), now);
        store.insert(withdrawal);
        events.publish(new WithdrawalRequested(id, chain.chainId(), chain.vault(), signed.owner(), signed.to(),
                signed.amount(), signed.nonce(), signed.deadline(), signed.signature(), now));
        return withdrawal;
    }

    /**
     * The vault paid it out: the amount leaves the vault mirror, once per cycle (key {@code withdrawal-executed:<id>}
     * for the first payout, {@code withdrawal-executed:<id>:<n>} for the payout after the n-th reopening: the same
     * transaction may be reported in two cycles, when the node put the removed one back on chain). A repeated answer
     * changes nothing, and so does one arriving after the withdrawal's reversal (which accounted for the payout that
     * did not stay on chain).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void confirmExecuted(WithdrawalExecuted executed) {
        Withdrawal withdrawal = requested(executed.withdrawalId());
        if (withdrawal.status() == WithdrawalStatus.EXECUTED || withdrawal.status() == WithdrawalStatus.REVERSED) {
            return;
        }
        Withdrawal done = withdrawal.execute(executed.account(), executed.amount(), executed.txHash(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        String cycle = done.reopenings() == 0 ? "" : ":" + done.reopenings();
        ledger.apply(TransferRequest.move("withdrawal-executed:" + done.id() + cycle,
                TransferKind.WITHDRAWAL_EXECUTION, null, null, AccountRef.pendingWithdrawal(done.owner()),
                AccountRef.vaultMirror(), done.amount()));
        store.update(done);
    }

    /**
     * A payout reported by WithdrawalExecuted left the chain in a reorg and chain-indexer sends the withdrawal again:
     * the money is in the vault again, set aside for the owner (VAULT_MIRROR → PENDING_WITHDRAWAL, key
     * {@code withdrawal-reopening:<id>:<n>}), and the withdrawal is REQUESTED again with its reopening counted; the
     * resend is answered by another WithdrawalExecuted (a new cycle) or by WithdrawalReversed (PENDING → AVAILABLE).
     * A reopening applied already changes nothing; one out of turn, or of a withdrawal not EXECUTED, contradicts what
     * escrow knows and fails (dead-lettered) with nothing moved.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reopen(WithdrawalReopened reopened) {
        Withdrawal withdrawal = requested(reopened.withdrawalId());
        if (withdrawal.reopenedAlready(reopened.reopening())) {
            return;
        }
        Withdrawal again = withdrawal.reopen(reopened.account(), reopened.amount(), reopened.reopening());
        ledger.apply(TransferRequest.move("withdrawal-reopening:" + again.id() + ":" + again.reopenings(),
                TransferKind.WITHDRAWAL_REOPENING, null, null, AccountRef.vaultMirror(),
                AccountRef.pendingWithdrawal(again.owner()), again.amount()));
        store.update(again);
    }

    /** The vault will never pay it out: the amount goes back to the owner's available balance, once. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void compensate(WithdrawalFailed failed) {
        Withdrawal withdrawal = requested(failed.withdrawalId());
        if (withdrawal.status() == WithdrawalStatus.FAILED) {
            return;
        }
        Withdrawal done = withdrawal.fail(failed.account(), failed.amount(), failed.reason(), failed.detail(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        ledger.apply(TransferRequest.move("withdrawal-compensation:" + done.id(),
                TransferKind.WITHDRAWAL_COMPENSATION, null, null, AccountRef.pendingWithdrawal(done.owner()),
                AccountRef.available(done.owner()), done.amount()));
        store.update(done);
    }

    /**
     * A payout reported by WithdrawalExecuted left the chain in a reorg and the vault refused to make it again: the
     * money is still in the vault, so it goes back to the owner's available balance and to the vault mirror
     * (VAULT_MIRROR → AVAILABLE), once. If the reversal overtook its WithdrawalExecuted, the amount is still
     * PENDING_WITHDRAWAL and comes back from there (PENDING_WITHDRAWAL → AVAILABLE); the late WithdrawalExecuted then
     * changes nothing. Either way the vault mirror ends where it was before the withdrawal. A repeated reversal
     * changes nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reverse(WithdrawalReversed reversed) {
        Withdrawal withdrawal = requested(reversed.withdrawalId());
        if (withdrawal.status() == WithdrawalStatus.REVERSED) {
            return;
        }
        AccountRef from = withdrawal.status() == WithdrawalStatus.EXECUTED ? AccountRef.vaultMirror()
                : AccountRef.pendingWithdrawal(withdrawal.owner());
        Withdrawal done = withdrawal.reverse(reversed.account(), reversed.amount(), reversed.reason(),
                reversed.detail(), reversed.executedTxHash(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        ledger.apply(TransferRequest.move("withdrawal-reversal:" + done.id(), TransferKind.WITHDRAWAL_REVERSAL, null,
                null, from, AccountRef.available(done.owner()), done.amount()));
        store.update(done);
    }

    private Withdrawal requested(UUID id) {
        return store.findForUpdate(id).orElseThrow(() -> new IllegalWithdrawalMoveException(
                "chain-indexer answered for withdrawal " + id + ", which escrow never requested"));
    }
}
