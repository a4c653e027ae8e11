package com.computemarket.chain.transactions;

import com.computemarket.chain.contracts.OperatorKey;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The journal of transactions sent with the operator key. Owners (anchoring, withdrawals) write intents with
 * {@link #intendOnce} in the transaction of their decision and learn outcomes from {@link TransactionSettled} /
 * {@link TransactionDropped} events; the {@link TransactionSender} does the rest.
 */
@Service
public class TransactionJournal {

    private static final Logger log = LoggerFactory.getLogger(TransactionJournal.class);

    private final ChainTransactionRepository transactions;
    private final OperatorKey operator;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TransactionJournal(ChainTransactionRepository transactions, OperatorKey operator, ApplicationEventPublisher events,
            Clock clock) {
        this.transactions = transactions;
        this.operator = operator;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records the intent to call {@code target} with {@code calldata} from the operator key, inside the caller's
     * transaction (so the intent exists exactly when the decision does).
     *
     * @return false when an intent for {@code purpose} and {@code subject} exists already (nothing is written)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean intendOnce(Purpose purpose, String subject, String target, String calldata) {
        return transactions.insert(ChainTransaction.intend(purpose, subject, operator.address(), target, calldata,
                clock.instant())).isPresent();
    }

    @Transactional(readOnly = true)
    public Optional<JournaledTransaction> find(Purpose purpose, String subject) {
        return transactions.find(purpose, subject).map(JournaledTransaction::of);
    }

    /**
     * For reorg handling: the transaction {@code txHash} (any signed version of a journaled transaction) is no longer
     * on chain. Its intent goes back to QUEUED (the sender signs it again with a fresh nonce) and
     * {@link TransactionDropped} tells the owner, in this same database transaction, to undo what it recorded from the
     * receipt (an ANCHORED batch becomes CLOSED again). Idempotent: an intent already queued stays as it is.
     *
     * @return false when {@code txHash} is not in the journal or its intent is already queued
     */
    @Transactional
    public boolean markDropped(String txHash) {
        Optional<ChainTransaction> found = transactions.findByAttempt(txHash);
        if (found.isEmpty() || found.get().status() == TransactionStatus.QUEUED
                || found.get().status() == TransactionStatus.REJECTED) {
            return false;
        }
        ChainTransaction transaction = found.get();
        transaction.drop();
        transactions.update(transaction, clock.instant());
        events.publishEvent(new TransactionDropped(transaction.purpose(), transaction.subject(), txHash));
        log.warn("{} {}: transaction {} is gone from the chain, queued to be sent again", transaction.purpose(),
                transaction.subject(), txHash);
        return true;
    }

    /** Queues a REJECTED or REVERTED intent again, when its owner judged the failure temporary. */
    @Transactional
    public void retry(Purpose purpose, String subject) {
        ChainTransaction transaction = transactions.find(purpose, subject)
                .orElseThrow(() -> new IllegalStateException("no " + purpose + " intent for " + subject));
        transaction.retry();
        transactions.update(transaction, clock.instant());
    }

    // The sender's side.

    @Transactional(readOnly = true)
    List<ChainTransaction> submitted() {
        return transactions.findSubmitted(operator.address());
    }

    @Transactional(readOnly = true)
    List<ChainTransaction> queued() {
        return transactions.findQueued(operator.address());
    }

    /** Journals the first signed version (and so the nonce) before it is broadcast. */
    @Transactional
    void recordSubmission(ChainTransaction transaction, BigInteger gasLimit, TransactionAttempt first) {
        transaction.submit(gasLimit, first);
        transactions.update(transaction, clock.instant());
    }

    /** Journals a higher-fee version before it is broadcast. */
    @Transactional
    void recordReplacement(ChainTransaction transaction, TransactionAttempt higherFee) {
        transaction.replace(higherFee);
        transactions.update(transaction, clock.instant());
    }

    @Transactional
    void recordReceipt(ChainTransaction transaction, TransactionReceipt receipt) {
        String txHash = receipt.getTransactionHash();
        long block = receipt.getBlockNumber().longValueExact();
        if (receipt.isStatusOK()) {
            transaction.confirm(txHash, block);
        } else {
            transaction.revert(txHash, block, "reverted in " + txHash
                    + (receipt.getRevertReason() == null ? "" : ": " + receipt.getRevertReason()));
        }
        transactions.update(transaction, clock.instant());
        events.publishEvent(new TransactionSettled(transaction.purpose(), transaction.subject(), transaction.status(),
                txHash, block, transaction.failure().orElse(null)));
    }

    @Transactional
    void recordRejection(ChainTransaction transaction, String reason) {
        transaction.reject(reason);
        transactions.update(transaction, clock.instant());
        events.publishEvent(new TransactionSettled(transaction.purpose(), transaction.subject(),
                TransactionStatus.REJECTED, null, null, reason));
    }

    /** Its nonce was used by a transaction that is none of its versions. */
    @Transactional
    void recordNonceLost(ChainTransaction transaction) {
        String latest = transaction.latestAttempt().txHash();
        transaction.drop();
        transactions.update(transaction, clock.instant());
        events.publishEvent(new TransactionDropped(transaction.purpose(), transaction.subject(), latest));
    }
}
