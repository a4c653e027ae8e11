package com.computemarket.chain.settlements;

import com.computemarket.chain.ChainProperties;
import com.computemarket.chain.contracts.SettlementAnchorContract;
import com.computemarket.chain.transactions.Purpose;
import com.computemarket.chain.transactions.TransactionDropped;
import com.computemarket.chain.transactions.TransactionJournal;
import com.computemarket.chain.transactions.TransactionSettled;
import com.computemarket.chain.transactions.TransactionStatus;
import com.computemarket.events.SettlementRecorded;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Database side of batching: takes settlements in, closes due batches together with the intent to anchor them (one
 * database transaction, so a closed batch always has exactly one anchor intent in the transaction journal), and
 * records the outcome the journal reports.
 */
@Service
class SettlementBatching {

    private final SettlementItemRepository items;
    private final SettlementBatchRepository batches;
    private final TransactionJournal journal;
    private final SettlementAnchorContract anchor;
    private final ChainProperties.Batch limits;
    private final Clock clock;

    SettlementBatching(SettlementItemRepository items, SettlementBatchRepository batches, TransactionJournal journal,
            SettlementAnchorContract anchor, ChainProperties properties, Clock clock) {
        this.items = items;
        this.batches = batches;
        this.journal = journal;
        this.anchor = anchor;
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
     * {@code chain.batch.max-age}. The anchor intent is journaled in the same transaction.
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
        intendAnchor(batch);
        return Optional.of(batch);
    }

    /** Journals the anchor intent of a batch closed before the journal existed; a no-op when it has one. */
    @Transactional
    void ensureAnchorIntent(SettlementBatch batch) {
        journal.intendOnce(Purpose.ANCHOR, subject(batch.id()), anchor.address(),
                SettlementAnchorContract.anchorCalldata(batch.id(), Hex.word(batch.root()), batch.itemCount()));
    }

    private void intendAnchor(SettlementBatch batch) {
        if (!journal.intendOnce(Purpose.ANCHOR, subject(batch.id()), anchor.address(),
                SettlementAnchorContract.anchorCalldata(batch.id(), Hex.word(batch.root()), batch.itemCount()))) {
            throw new IllegalStateException("batch " + batch.id() + " already has an anchor intent");
        }
    }

    static String subject(long batchId) {
        return Long.toString(batchId);
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

    /** Runs inside the journal's transaction that records the anchor transaction's receipt. */
    @EventListener
    void onAnchorMined(TransactionSettled settled) {
        if (settled.purpose() == Purpose.ANCHOR && settled.status() == TransactionStatus.MINED) {
            markAnchored(Long.parseLong(settled.subject()), anchor.address(), settled.txHash(), settled.block());
        }
    }

    /** Runs inside the journal's transaction that re-queues the anchor intent: the batch waits for it again. */
    @EventListener
    void onAnchorDropped(TransactionDropped dropped) {
        if (dropped.purpose() != Purpose.ANCHOR) {
            return;
        }
        SettlementBatch batch = batches.findById(Long.parseLong(dropped.subject()))
                .orElseThrow(() -> new IllegalStateException("no batch " + dropped.subject()));
        if (batch.anchored()) {
            batch.reopen();
            batches.update(batch);
        }
    }
}
