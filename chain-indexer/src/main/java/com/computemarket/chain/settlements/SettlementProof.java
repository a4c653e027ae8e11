package com.computemarket.chain.settlements;

import java.util.List;
import java.util.UUID;

/**
 * Where a settlement sits: its leaf, and once batched, the batch, the sibling hashes up to the root and (once
 * anchored) the anchor transaction. PENDING means "not yet on chain": either not yet in a batch, or batched and the
 * anchor not yet confirmed.
 */
record SettlementProof(UUID settlementId, Long batchId, String leaf, List<String> proof, String root,
        Integer itemCount, String anchorContract, String anchorTxHash, Long anchorBlock, Status status) {

    enum Status { PENDING, ANCHORED }

    static SettlementProof pending(UUID settlementId, String leaf) {
        return new SettlementProof(settlementId, null, leaf, List.of(), null, null, null, null, null, Status.PENDING);
    }
}
