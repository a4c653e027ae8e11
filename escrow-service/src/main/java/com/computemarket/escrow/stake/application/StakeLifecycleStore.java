package com.computemarket.escrow.stake.application;

import com.computemarket.escrow.stake.model.LeaseCollateral;
import com.computemarket.escrow.stake.model.SlashRecord;
import com.computemarket.escrow.stake.model.Unbonding;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Unbonding requests, per-lease collateral and slashes, beside the ledger. Every method runs in the caller's transaction. */
public interface StakeLifecycleStore {

    void insert(Unbonding unbonding);

    Optional<Unbonding> findUnbonding(UUID transferId);

    /**
     * Locks up to {@code limit} unreleased unbondings withdrawable at {@code now}, skipping those another
     * transaction (another instance) has locked, so that concurrent release passes share the work.
     */
    List<Unbonding> lockWithdrawableUnbondings(Instant now, int limit);

    void markReleased(UUID transferId, Instant releasedAt);

    /** The provider's unbondings, newest first. */
    List<Unbonding> unbondingsOf(String provider, int limit);

    void insert(LeaseCollateral collateral);

    /** The lease's collateral, locked until the transaction ends. */
    Optional<LeaseCollateral> lockCollateral(UUID leaseId);

    void update(LeaseCollateral collateral);

    void insert(SlashRecord slash);

    /** The provider's slashes, newest first. */
    List<SlashRecord> slashesOf(String provider, int limit);
}
