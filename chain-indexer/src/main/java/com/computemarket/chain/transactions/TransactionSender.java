package com.computemarket.chain.transactions;

import com.computemarket.chain.contracts.ChainCallRejectedException;
import com.computemarket.chain.contracts.ChainClient;
import com.computemarket.chain.contracts.OperatorKey;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The one sender of the operator key. Each round it settles in-flight transactions by the receipt of any of their
 * signed versions, re-broadcasts versions the node does not know (never sent before a crash, or lost by the node),
 * replaces versions stuck longer than {@code chain.transactions.stuck-after} with higher fees, and signs and sends
 * queued intents with the next nonces. Every signed version is journaled before it is broadcast, and the sender keeps
 * nothing in memory between rounds, so a restart at any point continues from the journal and the chain.
 * Only one instance sends at a time (a PostgreSQL session advisory lock), so nonces come from one place.
 */
@Component
class TransactionSender {

    private static final Logger log = LoggerFactory.getLogger(TransactionSender.class);

    /** Fixed and arbitrary ("sender" in ASCII): the advisory lock held by the one instance that sends. */
    static final long SENDER_LOCK_KEY = 0x73656e646572L;

    private final TransactionJournal journal;
    private final ChainClient chain;
    private final OperatorKey operator;
    private final TransactionProperties properties;
    private final DataSource dataSource;
    private final Clock clock;

    TransactionSender(TransactionJournal journal, ChainClient chain, OperatorKey operator,
            TransactionProperties properties, DataSource dataSource, Clock clock) {
        this.journal = journal;
        this.chain = chain;
        this.operator = operator;
        this.properties = properties;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** One round, if this instance gets the sender's turn. */
    synchronized void sendAndTrack() {
        try (Connection lockHolder = dataSource.getConnection()) {
            if (!advisoryLock(lockHolder, "pg_try_advisory_lock")) {
                return; // another instance sends
            }
            try {
                trackInFlight();
            } finally {
                advisoryLock(lockHolder, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the sender's turn", e);
        }
    }

    private static boolean advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + function + "(?)")) {
            statement.setLong(1, SENDER_LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private void trackInFlight() {
        String sender = operator.address();
        // read before the receipts: a nonce used by one of our versions then shows that version's receipt below
        long minedNonce = chain.nonce(sender, false);
        long nextNonce = chain.nonce(sender, true);
        for (ChainTransaction transaction : journal.submitted()) {
            Optional<TransactionReceipt> receipt = receiptOfAnyVersion(transaction);
            if (receipt.isPresent()) {
                journal.recordReceipt(transaction, receipt.get());
                log.info("{} {}: mined in {} at block {} (status {})", transaction.purpose(), transaction.subject(),
                        receipt.get().getTransactionHash(), receipt.get().getBlockNumber(), receipt.get().getStatus());
            } else if (transaction.nonce() < minedNonce) {
                log.warn("{} {}: nonce {} was used by a transaction that is not one of its versions; sending again",
                        transaction.purpose(), transaction.subject(), transaction.nonce());
                journal.recordNonceLost(transaction);
            } else {
                nextNonce = Math.max(nextNonce, transaction.nonce() + 1);
                keepMoving(transaction);
            }
        }
        sendQueued(nextNonce);
    }

    private Optional<TransactionReceipt> receiptOfAnyVersion(ChainTransaction transaction) {
        for (TransactionAttempt attempt : transaction.attempts()) {
            Optional<TransactionReceipt> receipt = chain.receipt(attempt.txHash());
            if (receipt.isPresent()) {
                return receipt;
            }
        }
        return Optional.empty();
    }

    /** Replaces a stuck version with a higher fee, or re-broadcasts one the node does not have. */
    private void keepMoving(ChainTransaction transaction) {
        TransactionAttempt latest = transaction.latestAttempt();
        Instant now = clock.instant();
        if (!latest.signedAt().plus(properties.stuckAfter()).isAfter(now)) {
            TransactionAttempt replacement = sign(transaction, latest.nonce(), transaction.gasLimit(),
                    replacementFees(latest), now);
            journal.recordReplacement(transaction, replacement);
            log.info("{} {}: {} not mined after {}, replaced by {} (max fee {} -> {}, tip {} -> {})",
                    transaction.purpose(), transaction.subject(), latest.txHash(), properties.stuckAfter(),
                    replacement.txHash(), latest.maxFeePerGas(), replacement.maxFeePerGas(),
                    latest.maxPriorityFeePerGas(), replacement.maxPriorityFeePerGas());
            broadcast(transaction, replacement);
        } else if (!chain.knows(latest.txHash())) {
            log.info("{} {}: the node does not have {}, broadcasting it (again)", transaction.purpose(),
                    transaction.subject(), latest.txHash());
            broadcast(transaction, latest);
        }
    }

    private void sendQueued(long firstNonce) {
        long nonce = firstNonce;
        for (ChainTransaction transaction : journal.queued()) {
            BigInteger estimate;
            try {
                estimate = chain.estimateGas(transaction.sender(), transaction.target(), transaction.calldata());
            } catch (ChainCallRejectedException wouldRevert) {
                log.warn("{} {}: not sent, it would revert: {}", transaction.purpose(), transaction.subject(),
                        wouldRevert.getMessage());
                journal.recordRejection(transaction, wouldRevert.getMessage());
                continue;
            }
            BigInteger gasLimit = estimate.multiply(BigInteger.valueOf(100 + properties.gasMarginPercent()))
                    .divide(BigInteger.valueOf(100));
            TransactionAttempt first = sign(transaction, nonce, gasLimit, marketFees(), clock.instant());
            journal.recordSubmission(transaction, gasLimit, first);
            broadcast(transaction, first);
            nonce++;
        }
    }

    private void broadcast(ChainTransaction transaction, TransactionAttempt attempt) {
        chain.broadcast(attempt.signedTransaction()).ifPresent(refusal ->
                // e.g. "already known", or "nonce too low" when another version was mined meanwhile: the next round
                // reads receipts and nonces and settles it either way
                log.info("{} {}: node refused {}: {}", transaction.purpose(), transaction.subject(), attempt.txHash(),
                        refusal));
    }

    private Fees marketFees() {
        BigInteger tip = chain.maxPriorityFeePerGas();
        // twice the base fee: stays includable through six full blocks of base-fee increases
        return new Fees(chain.baseFeePerGas().multiply(BigInteger.TWO).add(tip), tip);
    }

    private Fees replacementFees(TransactionAttempt stuck) {
        Fees market = marketFees();
        BigInteger tip = bumped(stuck.maxPriorityFeePerGas()).max(market.maxPriorityFeePerGas());
        BigInteger maxFee = bumped(stuck.maxFeePerGas()).max(market.maxFeePerGas()).max(tip);
        return new Fees(maxFee, tip);
    }

    /** Raised by {@code fee-bump-percent}, rounded up so that small fees still rise by at least that much. */
    private BigInteger bumped(BigInteger fee) {
        BigInteger[] quotientAndRemainder = fee.multiply(BigInteger.valueOf(100 + properties.feeBumpPercent()))
                .divideAndRemainder(BigInteger.valueOf(100));
        BigInteger rounded = quotientAndRemainder[1].signum() == 0 ? quotientAndRemainder[0]
                : quotientAndRemainder[0].add(BigInteger.ONE);
        return rounded.max(fee.add(BigInteger.ONE));
    }

    private TransactionAttempt sign(ChainTransaction transaction, long nonce, BigInteger gasLimit, Fees fees,
            Instant now) {
        RawTransaction raw = RawTransaction.createTransaction(chain.chainId(), BigInteger.valueOf(nonce), gasLimit,
                transaction.target(), BigInteger.ZERO, transaction.calldata(), fees.maxPriorityFeePerGas(),
                fees.maxFeePerGas());
        byte[] signed = TransactionEncoder.signMessage(raw, operator.credentials());
        return new TransactionAttempt(Numeric.toHexString(Hash.sha3(signed)), nonce, fees.maxFeePerGas(),
                fees.maxPriorityFeePerGas(), Numeric.toHexString(signed), now);
    }

    private record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
    }
}
