package com.computemarket.escrow.withdrawals.application;

import com.computemarket.escrow.withdrawals.model.Withdrawal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Withdrawals as escrow recorded them. */
public interface WithdrawalStore {

    void insert(Withdrawal withdrawal);

    /** Saves a status change; the row is the one {@link #findForUpdate} locked. */
    void update(Withdrawal withdrawal);

    Optional<Withdrawal> find(UUID id);

    /** Locks the withdrawal's row until the transaction ends. */
    Optional<Withdrawal> findForUpdate(UUID id);

    Optional<Withdrawal> findByIdempotencyKey(String owner, String idempotencyKey);

    boolean nonceUsed(String owner, BigInteger nonce);

    /** The owner's withdrawals, newest first, at most {@code limit}. */
    List<Withdrawal> latestOf(String owner, int limit);
}
