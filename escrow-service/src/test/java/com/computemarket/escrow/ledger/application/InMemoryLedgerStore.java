package com.computemarket.escrow.ledger.application;

import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.Posting;
import com.computemarket.escrow.ledger.model.Transfer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A single-threaded stand-in for the ledger's tables, for unit tests of {@link Ledger}. */
class InMemoryLedgerStore implements LedgerStore {

    private final Map<AccountRef, Long> accountIds = new HashMap<>();
    private final Map<AccountRef, BigInteger> balances = new HashMap<>();
    private final List<Transfer> transfers = new ArrayList<>();
    private final List<RecordedPosting> postings = new ArrayList<>();

    @Override
    public void openAccounts(Collection<AccountRef> accounts) {
        accounts.forEach(account -> {
            accountIds.computeIfAbsent(account, ignored -> (long) accountIds.size() + 1);
            balances.putIfAbsent(account, BigInteger.ZERO);
        });
    }

    @Override
    public Map<AccountRef, BigInteger> lockBalances(Collection<AccountRef> accounts) {
        Map<AccountRef, BigInteger> locked = new HashMap<>();
        accounts.stream().filter(balances::containsKey).forEach(account -> locked.put(account, balances.get(account)));
        return locked;
    }

    @Override
    public Optional<Transfer> findTransferByKey(String idempotencyKey) {
        return transfers.stream().filter(transfer -> transfer.idempotencyKey().equals(idempotencyKey)).findFirst();
    }

    @Override
    public List<Transfer> findTransfersOfJob(UUID jobId) {
        return transfers.stream().filter(transfer -> Objects.equals(transfer.jobId(), jobId)).toList();
    }

    @Override
    public void insertTransfer(Transfer transfer) {
        if (findTransferByKey(transfer.idempotencyKey()).isPresent()) {
            throw new IllegalStateException("duplicate idempotency key " + transfer.idempotencyKey());
        }
        transfers.add(transfer);
    }

    @Override
    public AccountBalance changeBalance(AccountRef account, BigInteger change) {
        if (!accountIds.containsKey(account)) {
            throw new IllegalStateException(account + " was never opened");
        }
        return new AccountBalance(accountIds.get(account), balances.merge(account, change, BigInteger::add));
    }

    @Override
    public void insertPosting(UUID transferId, long accountId, Posting posting) {
        postings.add(new RecordedPosting(transferId, accountId, posting));
    }

    @Override
    public BigInteger balanceOf(AccountRef account) {
        return balances.getOrDefault(account, BigInteger.ZERO);
    }

    int transferCount() {
        return transfers.size();
    }

    int postingCount() {
        return postings.size();
    }

    /** The balance recomputed from the postings alone. */
    BigInteger sumOfPostings(AccountRef account) {
        Long id = accountIds.get(account);
        return postings.stream()
                .filter(recorded -> Objects.equals(recorded.accountId(), id))
                .map(recorded -> recorded.posting().balanceChange())
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    private record RecordedPosting(UUID transferId, long accountId, Posting posting) {
    }
}
