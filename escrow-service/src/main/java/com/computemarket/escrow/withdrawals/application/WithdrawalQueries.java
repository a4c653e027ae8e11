package com.computemarket.escrow.withdrawals.application;

import com.computemarket.escrow.withdrawals.model.Withdrawal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A participant's own withdrawals. */
@Service
public class WithdrawalQueries {

    public static final int LIST_LIMIT = 100;

    private final WithdrawalStore store;

    WithdrawalQueries(WithdrawalStore store) {
        this.store = store;
    }

    /** The withdrawal if it exists and is the owner's; empty alike for both, so as not to leak other ids. */
    @Transactional(readOnly = true)
    public Optional<Withdrawal> ofOwner(UUID id, String owner) {
        return store.find(id).filter(withdrawal -> withdrawal.owner().equalsIgnoreCase(owner));
    }

    /** The owner's latest {@value #LIST_LIMIT} withdrawals, newest first. */
    @Transactional(readOnly = true)
    public List<Withdrawal> latestOf(String owner) {
        return store.latestOf(owner, LIST_LIMIT);
    }
}
