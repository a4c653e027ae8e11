package com.computemarket.chain.settlements;

import com.computemarket.chain.ChainProperties;
import com.computemarket.events.SettlementRecorded;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Database side of batching: takes settlements in, closes due batches, records anchoring. */
@Service
class SettlementBatching {

    private final SettlementItemRepository items;
    private final SettlementBatchRepository batches;
    private final ChainProperties.Batch limits;
    private final Clock clock;

    SettlementBatching(SettlementItemRepository items, SettlementBatchRepository batches, ChainProperties properties,
            Clock clock) {
        this.items = items;
        this.batches = batches;
        this.limits = properties.batch();
        this.clock = clock;
    }

    /** Runs inside the inbox transaction of the SettlementRecorded event. */
    @Transactional(propagation = Propagation.MANDATORY)
    void accept(SettlementRecorded settlement) {
        items.insertPending(settlement, Hex.of(SettlementLeaf.of(settlement)), clock.instant());
    }

    /**
     * Closes the next batch if one is due: {@code chain.batch.max-size} settlements wait, or the oldest waited
     * {@code chain.batch.max-age}.
     */
    @Transactional
    Optional<SettlementBatch> closeDueBatch() {
        List<SettlementItemRepository.PendingItem> pending = items.findPending(limits.maxSize());
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        boolean full = pending.size() >= limits.maxSize();
        boolean oldEnough = !pending.getFirst().receivedAt().plus(limits.maxAge()).isAfter(now);
        if (!full && !oldEnough) {
            return Optional.empty();
        }
        SettlementBatch batch = SettlementBatch.close(batches.nextId(),
                pending.stream().map(item -> Hex.word(item.leaf())).toList(), now);
        batches.insert(batch);
        items.assignToBatch(pending.stream().map(SettlementItemRepository.PendingItem::settlementId).toList(),
                batch.id());
        return Optional.of(batch);
    }

    @Transactional(readOnly = true)
    List<SettlementBatch> unanchoredBatches() {
        return batches.findUnanchored();
    }

    @Transactional
    void markAnchored(long batchId, String contract, String txHash, long block) {
        SettlementBatch batch = batches.findById(batchId)
                .orElseThrow(() -> new IllegalStateException("no batch " + batchId));
        batch.markAnchored(contract, txHash, block, clock.instant());
        batches.update(batch);
    }
}
