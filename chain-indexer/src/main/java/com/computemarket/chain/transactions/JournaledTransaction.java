package com.computemarket.chain.transactions;

import java.util.List;
import java.util.Optional;

/**
 * What the journal knows about one intent, for its owner (anchoring, withdrawals).
 *
 * @param txHashes every signed version, oldest first (fee bumps and re-sends after a drop included)
 */
public record JournaledTransaction(Purpose purpose, String subject, TransactionStatus status, Long nonce,
        List<String> txHashes, String minedTxHash, Long minedBlock, Optional<String> failure) {

    static JournaledTransaction of(ChainTransaction transaction) {
        return new JournaledTransaction(transaction.purpose(), transaction.subject(), transaction.status(),
                transaction.nonce(), transaction.attempts().stream().map(TransactionAttempt::txHash).toList(),
                transaction.minedTxHash(), transaction.minedBlock(), transaction.failure());
    }
}
