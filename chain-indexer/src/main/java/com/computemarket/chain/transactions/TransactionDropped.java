package com.computemarket.chain.transactions;

/**
 * Published (as a Spring application event) inside the database transaction that puts a journaled transaction back
 * in the queue because its transaction {@code txHash} is gone from the chain; the owner of the purpose undoes what it
 * based on that transaction (a batch goes back to CLOSED) in the same transaction.
 */
public record TransactionDropped(Purpose purpose, String subject, String txHash) {
}
