package com.computemarket.escrow.ledger.application;

import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.IdempotencyKeyReusedException;
import com.computemarket.escrow.ledger.model.InsufficientFundsException;
import com.computemarket.escrow.ledger.model.Transfer;
import com.computemarket.escrow.ledger.model.TransferRequest;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.IdGenerator;

/**
 * Applies transfers to the ledger. Runs inside the caller's business transaction, so that money moves together
 * with the facts that caused it (and the events announcing it) or not at all.
 */
@Service
public class Ledger {

    private final LedgerStore store;
    private final Clock clock;
    private final IdGenerator ids;

    Ledger(LedgerStore store, Clock clock, IdGenerator ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Records the transfer once. Applying a key again returns the transfer recorded first and changes nothing.
     * Refusals happen before anything is written, so the caller's transaction stays usable: a hold that cannot be
     * placed is answered with an event in the same transaction.
     *
     * @throws InsufficientFundsException if an account other than the vault mirror would go below zero
     * @throws IdempotencyKeyReusedException if the key already names a transfer that moved different money
     */
    @Transactional(propagation = Propagation.MANDATORY,
            noRollbackFor = {InsufficientFundsException.class, IdempotencyKeyReusedException.class})
    public AppliedTransfer apply(TransferRequest request) {
        Map<AccountRef, BigInteger> changes = request.balanceChanges();
        Transfer transfer = new Transfer(ids.generateId(), request.idempotencyKey(), request.kind(), request.jobId(),
                request.leaseId(), clock.instant(), request.postings());
        return switch (store.applyOnce(transfer, changes)) {
            case LedgerStore.Applied applied -> new AppliedTransfer(transfer, true, applied.balancesAfter());
            case LedgerStore.AlreadyRecorded recorded ->
                    replay(request, store.findTransferByKey(request.idempotencyKey()).orElseThrow());
            case LedgerStore.Overdrawn overdrawn -> throw new InsufficientFundsException(overdrawn.account(),
                    changes.get(overdrawn.account()).negate(), overdrawn.balance());
        };
    }

    /**
     * Opens and locks the accounts until the transaction ends, in the order {@link #apply} locks them, and returns
     * their balances: for a transfer whose amounts depend on balances (taking back what is available, paying back a
     * debt), so that no concurrent transfer changes them between the decision and the transfer.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<AccountRef, BigInteger> lockForDecision(Collection<AccountRef> accounts) {
        Map<AccountRef, BigInteger> balances = new HashMap<>(store.openAndLock(accounts));
        accounts.forEach(account -> balances.putIfAbsent(account, BigInteger.ZERO));
        return balances;
    }

    /** The transfer recorded under the key, if any. */
    public Optional<Transfer> transferByKey(String idempotencyKey) {
        return store.findTransferByKey(idempotencyKey);
    }

    /** The account's balance (zero if it was never opened), as seen by the current transaction if any. */
    public BigInteger balanceOf(AccountRef account) {
        return store.balanceOf(account);
    }

    /** Every transfer recorded for the job, including those of its leases, oldest first. */
    public List<Transfer> transfersOfJob(UUID jobId) {
        return store.findTransfersOfJob(jobId);
    }

    private static AppliedTransfer replay(TransferRequest request, Transfer recorded) {
        if (!request.sameMovementAs(recorded.kind(), recorded.postings())) {
            throw new IdempotencyKeyReusedException(request.idempotencyKey());
        }
        return AppliedTransfer.replayed(recorded);
    }
}
