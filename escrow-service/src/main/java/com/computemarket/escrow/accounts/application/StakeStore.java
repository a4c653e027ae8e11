package com.computemarket.escrow.accounts.application;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Receipts of stake bondings, kept so that a replayed request gets the first answer again. */
public interface StakeStore {

    void insert(StakeReceipt receipt, Instant bondedAt);

    Optional<StakeReceipt> find(UUID transferId);
}
