package com.computemarket.chain.transactions;

/**
 * Published (as a Spring application event) inside the database transaction that records a journaled transaction's
 * outcome: MINED or REVERTED (with the receipt's hash and block) or REJECTED (never sent, {@code failure} says why).
 * The owner of the purpose updates its own state in the same transaction.
 */
public record TransactionSettled(Purpose purpose, String subject, TransactionStatus status, String txHash,
        Long block, String failure) {
}
