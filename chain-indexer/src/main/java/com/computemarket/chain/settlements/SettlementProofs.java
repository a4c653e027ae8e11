package com.computemarket.chain.settlements;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Builds the inclusion proof of a settlement from its batch's leaves. */
@Service
class SettlementProofs {

    private final SettlementItemRepository items;
    private final SettlementBatchRepository batches;

    SettlementProofs(SettlementItemRepository items, SettlementBatchRepository batches) {
        this.items = items;
        this.batches = batches;
    }

    @Transactional(readOnly = true)
    Optional<SettlementProof> proofOf(UUID settlementId) {
        return items.findPlacement(settlementId).map(placement -> {
            if (placement.batchId() == null) {
                return SettlementProof.pending(settlementId, placement.leaf());
            }
            SettlementBatch batch = batches.findById(placement.batchId())
                    .orElseThrow(() -> new IllegalStateException("settlement in missing batch " + placement.batchId()));
            MerkleTree tree = MerkleTree.of(items.findLeavesOfBatch(batch.id()).stream().map(Hex::word).toList());
            if (!Hex.of(tree.root()).equals(batch.root())) {
                throw new IllegalStateException("members of batch " + batch.id() + " no longer hash to its root");
            }
            List<String> proof = tree.proof(Hex.word(placement.leaf())).stream().map(Hex::of).toList();
            return new SettlementProof(settlementId, batch.id(), placement.leaf(), proof, batch.root(),
                    batch.itemCount(), batch.anchorContract(), batch.anchorTxHash(), batch.anchorBlock(),
                    batch.anchored() ? SettlementProof.Status.ANCHORED : SettlementProof.Status.PENDING);
        });
    }
}
