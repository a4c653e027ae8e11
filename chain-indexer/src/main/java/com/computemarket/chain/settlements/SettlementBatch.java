package com.computemarket.chain.settlements;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A closed set of settlements whose Merkle root is (or is about to be) anchored on chain. A batch is CLOSED when its
 * members and root are fixed, ANCHORED once the anchor transaction is mined; members and root never change, and only a
 * reorg that removes the anchor transaction takes an ANCHORED batch back to CLOSED.
 */
final class SettlementBatch {

    enum Status { CLOSED, ANCHORED }

    private final long id;
    private final String root;
    private final int itemCount;
    private final Instant closedAt;
    private Status status;
    private String anchorContract;
    private String anchorTxHash;
    private Long anchorBlock;
    private Instant anchoredAt;

    private SettlementBatch(long id, String root, int itemCount, Instant closedAt, Status status,
            String anchorContract, String anchorTxHash, Long anchorBlock, Instant anchoredAt) {
        if (id < 1) {
            throw new IllegalArgumentException("batch ids start at 1");
        }
        this.id = id;
        this.root = Objects.requireNonNull(root);
        this.itemCount = itemCount;
        this.closedAt = Objects.requireNonNull(closedAt);
        this.status = Objects.requireNonNull(status);
        this.anchorContract = anchorContract;
        this.anchorTxHash = anchorTxHash;
        this.anchorBlock = anchorBlock;
        this.anchoredAt = anchoredAt;
    }

    /** Fixes the members of batch {@code id}: its root is the Merkle root of their leaves. */
    static SettlementBatch close(long id, List<byte[]> leaves, Instant now) {
        MerkleTree tree = MerkleTree.of(leaves);
        return new SettlementBatch(id, Hex.of(tree.root()), tree.leafCount(), now, Status.CLOSED, null, null, null,
                null);
    }

    static SettlementBatch restore(long id, String root, int itemCount, Instant closedAt, Status status,
            String anchorContract, String anchorTxHash, Long anchorBlock, Instant anchoredAt) {
        return new SettlementBatch(id, root, itemCount, closedAt, status, anchorContract, anchorTxHash, anchorBlock,
                anchoredAt);
    }

    void markAnchored(String contract, String txHash, long block, Instant now) {
        if (status == Status.ANCHORED) {
            throw new IllegalStateException("batch " + id + " is already anchored in " + anchorTxHash);
        }
        this.status = Status.ANCHORED;
        this.anchorContract = Objects.requireNonNull(contract);
        this.anchorTxHash = Objects.requireNonNull(txHash);
        this.anchorBlock = block;
        this.anchoredAt = now;
    }

    /** The anchor transaction is gone from the chain (reorg): the batch waits to be anchored again. */
    void reopen() {
        if (status != Status.ANCHORED) {
            throw new IllegalStateException("batch " + id + " is not anchored");
        }
        this.status = Status.CLOSED;
        this.anchorContract = null;
        this.anchorTxHash = null;
        this.anchorBlock = null;
        this.anchoredAt = null;
    }

    boolean anchored() {
        return status == Status.ANCHORED;
    }

    long id() {
        return id;
    }

    String root() {
        return root;
    }

    int itemCount() {
        return itemCount;
    }

    Instant closedAt() {
        return closedAt;
    }

    Status status() {
        return status;
    }

    String anchorContract() {
        return anchorContract;
    }

    String anchorTxHash() {
        return anchorTxHash;
    }

    Long anchorBlock() {
        return anchorBlock;
    }

    Instant anchoredAt() {
        return anchoredAt;
    }
}
