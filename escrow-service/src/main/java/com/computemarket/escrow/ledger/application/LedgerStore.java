package com.computemarket.escrow.ledger.application;

import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.Transfer;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where the ledger keeps accounts, transfers and postings. Every method runs in the caller's transaction. */
public interface LedgerStore {

    /**
     * Records {@code transfer} once, changing each account's balance by {@code changes} (its postings' net effect per
     * account), or says why it did not:
     * <ol>
     * <li>{@link AlreadyRecorded} if a transfer with the same idempotency key exists (nothing written);</li>
     * <li>{@link Overdrawn} if an account that may not go negative would, checked before anything is written and
     *     again under the account locks (nothing written but, in a race, empty accounts opened);</li>
     * <li>otherwise the accounts are opened if new and locked in one fixed order (the same for every transfer, so
     *     concurrent transfers never wait on each other in a cycle), the key is looked up again under the locks (a
     *     concurrent transfer with the same key held them until it committed: {@link AlreadyRecorded}, nothing
     *     written but, in a race, empty accounts opened), and the transfer, its postings and the new balances are
     *     written: {@link Applied}.</li>
     * </ol>
     */
    ApplyOutcome applyOnce(Transfer transfer, Map<AccountRef, BigInteger> changes);

    /**
     * Opens the accounts if new and locks them until the transaction ends, in the same fixed order as
     * {@link #applyOnce} locks, returning their balances: for a caller whose transfer amounts depend on balances.
     */
    Map<AccountRef, BigInteger> openAndLock(Collection<AccountRef> accounts);

    Optional<Transfer> findTransferByKey(String idempotencyKey);

    /** Every transfer recorded for the job (including those of its leases), oldest first. */
    List<Transfer> findTransfersOfJob(UUID jobId);

    /** The account's balance; zero if it was never opened. */
    BigInteger balanceOf(AccountRef account);

    /** What {@link #applyOnce} did. */
    sealed interface ApplyOutcome permits Applied, AlreadyRecorded, Overdrawn {
    }

    /** The transfer was recorded; the balances of the accounts it touched right after. */
    record Applied(Map<AccountRef, BigInteger> balancesAfter) implements ApplyOutcome {
    }

    /** A transfer with the same idempotency key was recorded before; nothing was written. */
    record AlreadyRecorded() implements ApplyOutcome {
    }

    /** {@code account}, holding {@code balance}, would have gone below zero; no transfer was written. */
    record Overdrawn(AccountRef account, BigInteger balance) implements ApplyOutcome {
    }
}
