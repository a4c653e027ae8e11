package com.computemarket.escrow.ledger.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A balanced set of postings to apply once: the idempotency key makes a second application a no-op.
 * {@code jobId} and {@code leaseId} say which job (and lease) the money moved for, if any, so that a job's
 * history can be listed.
 */
public record TransferRequest(
        String idempotencyKey, TransferKind kind, UUID jobId, UUID leaseId, List<Posting> postings) {

    public static final int MAX_KEY_LENGTH = 200;

    public TransferRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(kind, "kind");
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("idempotency key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        postings = List.copyOf(postings);
        if (postings.size() < 2) {
            throw new IllegalArgumentException("a transfer needs at least one debit and one credit");
        }
        BigInteger net = postings.stream().map(Posting::balanceChange).reduce(BigInteger.ZERO, BigInteger::add);
        if (net.signum() != 0) {
            throw new IllegalArgumentException("unbalanced transfer " + idempotencyKey + ": credits - debits = " + net);
        }
    }

    /** The simplest transfer: {@code amount} from one account to another. */
    public static TransferRequest move(
            String idempotencyKey, TransferKind kind, UUID jobId, UUID leaseId,
            AccountRef from, AccountRef to, BigInteger amount) {
        return new TransferRequest(idempotencyKey, kind, jobId, leaseId,
                List.of(Posting.debit(from, amount), Posting.credit(to, amount)));
    }

    /** Net balance change per account (an account may appear in several postings). */
    public Map<AccountRef, BigInteger> balanceChanges() {
        Map<AccountRef, BigInteger> changes = new HashMap<>();
        for (Posting posting : postings) {
            changes.merge(posting.account(), posting.balanceChange(), BigInteger::add);
        }
        return changes;
    }

    /** Whether {@code other} carries the same movement of money, in any posting order. */
    public boolean sameMovementAs(TransferKind otherKind, List<Posting> otherPostings) {
        List<Posting> remaining = new ArrayList<>(otherPostings);
        for (Posting posting : postings) {
            if (!remaining.remove(posting)) {
                return false;
            }
        }
        return kind == otherKind && remaining.isEmpty();
    }
}
