package com.computemarket.escrow.ledger.application;

import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.Posting;
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
     * Opens (with a zero balance) those of {@code accounts} that do not exist yet, in {@link AccountRef} order. Once
     * this returns, every one of them exists for {@link #lockBalances}: accounts created by concurrent transactions
     * have committed, so no account can be missed by the lock and then locked out of order later.
     */
    void openAccounts(Collection<AccountRef> accounts);

    /**
     * Locks the existing accounts among {@code accounts} until the transaction ends, always in {@link AccountRef}
     * order so that concurrent transfers never wait on each other in a cycle, and returns their balances.
     * Accounts never opened are absent from the result.
     */
    Map<AccountRef, BigInteger> lockBalances(Collection<AccountRef> accounts);

    Optional<Transfer> findTransferByKey(String idempotencyKey);

    /** Every transfer recorded for the job (including those of its leases), oldest first. */
    List<Transfer> findTransfersOfJob(UUID jobId);

    void insertTransfer(Transfer transfer);

    /** Adds {@code change} to the balance of an account this transaction has locked. */
    AccountBalance changeBalance(AccountRef account, BigInteger change);

    void insertPosting(UUID transferId, long accountId, Posting posting);

    /** The account's balance; zero if it was never opened. */
    BigInteger balanceOf(AccountRef account);

    /** An account's id and its balance right after a change. */
    record AccountBalance(long accountId, BigInteger balance) {
    }
}
