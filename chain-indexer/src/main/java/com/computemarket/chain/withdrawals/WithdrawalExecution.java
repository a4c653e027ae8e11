package com.computemarket.chain.withdrawals;

import com.computemarket.chain.ChainProperties;
import com.computemarket.chain.contracts.ChainClient;
import com.computemarket.chain.contracts.DeployedContracts;
import com.computemarket.chain.contracts.EscrowVaultContract;
import com.computemarket.chain.contracts.OperatorKey;
import com.computemarket.chain.indexing.BlockHeader;
import com.computemarket.chain.indexing.ChainReader;
import com.computemarket.chain.transactions.JournaledTransaction;
import com.computemarket.chain.transactions.Purpose;
import com.computemarket.chain.transactions.TransactionDropped;
import com.computemarket.chain.transactions.TransactionJournal;
import com.computemarket.chain.transactions.TransactionSettled;
import com.computemarket.chain.transactions.TransactionStatus;
import com.computemarket.events.MarketEvent;
import com.computemarket.events.WithdrawalExecuted;
import com.computemarket.events.WithdrawalReopened;
import com.computemarket.events.WithdrawalRequested;
import com.computemarket.messaging.EventOutbox;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Executes signed withdrawals with the operator key: request in (inbox transaction) → WITHDRAW intent in the journal
 * → mined → WithdrawalExecuted after {@code chain.confirmations} blocks; or WithdrawalFailed with the vault's reason
 * when it was refused in simulation before anything was signed. A transaction that leaves the chain (see
 * {@link VanishedWithdrawals}) is sent again; if the withdrawal had been reported executed, WithdrawalReopened tells
 * escrow in the same transaction, and the resend, once paid and buried, is reported with WithdrawalExecuted again.
 * Once a transaction with the owner's signature was signed (and maybe broadcast), a refusal
 * ends the withdrawal (WithdrawalFailed, or WithdrawalReversed if it was reported) only when no such transaction can
 * pay any more (its deadline passed at the latest block, or another withdrawal used its nonce); other refusals (a
 * pause, a revert) leave it waiting and it is sent again on every tick until one of these.
 */
@Service
class WithdrawalExecution {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalExecution.class);

    private final WithdrawalRepository withdrawals;
    private final TransactionJournal journal;
    private final EscrowVaultContract vault;
    private final DeployedContracts contracts;
    private final ChainClient chain;
    private final ChainReader reader;
    private final OperatorKey operator;
    private final EventOutbox outbox;
    private final int confirmations;
    private final Clock clock;

    WithdrawalExecution(WithdrawalRepository withdrawals, TransactionJournal journal, EscrowVaultContract vault,
            DeployedContracts contracts, ChainClient chain, ChainReader reader, OperatorKey operator,
            EventOutbox outbox, ChainProperties properties, Clock clock) {
        this.withdrawals = withdrawals;
        this.journal = journal;
        this.vault = vault;
        this.contracts = contracts;
        this.chain = chain;
        this.reader = reader;
        this.operator = operator;
        this.outbox = outbox;
        this.confirmations = properties.confirmations();
        this.clock = clock;
    }

    /**
     * Runs inside the inbox transaction of the WithdrawalRequested event: stores the request and journals its
     * transaction, or fails it at once when it was signed for another chain or vault. A request seen before (same
     * withdrawal id, any event id) changes nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void accept(WithdrawalRequested request) {
        Withdrawal withdrawal = Withdrawal.request(request);
        if (!withdrawals.insert(withdrawal, clock.instant())) {
            return;
        }
        Optional<String> misdirected = misdirection(request);
        if (misdirected.isPresent()) {
            refuse(withdrawal, WithdrawalFailure.SIGNATURE_REJECTED, misdirected.get());
            return;
        }
        journal.intendOnce(Purpose.WITHDRAW, request.withdrawalId().toString(), vault.address(), calldata(request));
    }

    private Optional<String> misdirection(WithdrawalRequested request) {
        if (request.chainId() != contracts.chainId() || !vault.address().equalsIgnoreCase(request.vault())) {
            return Optional.of("signed for vault " + request.vault() + " on chain " + request.chainId()
                    + ", not vault " + vault.address() + " on chain " + contracts.chainId());
        }
        if (!request.signature().matches("0x[0-9a-fA-F]{130}")) {
            return Optional.of("the signature is not 65 bytes of hex");
        }
        return Optional.empty();
    }

    private static String calldata(WithdrawalRequested request) {
        return EscrowVaultContract.withdrawWithSignatureCalldata(request.account(), request.to(), request.amount(),
                request.nonce(), request.deadline(), Numeric.hexStringToByteArray(request.signature()));
    }

    /** Runs inside the journal's transaction that records the outcome of a WITHDRAW transaction. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void onTransactionSettled(TransactionSettled settled) {
        if (settled.purpose() != Purpose.WITHDRAW) {
            return;
        }
        Withdrawal withdrawal = load(settled.subject());
        if (settled.status() == TransactionStatus.MINED) {
            withdrawal.mined(settled.txHash(), settled.block());
            withdrawals.update(withdrawal, clock.instant());
            return;
        }
        // REJECTED carries the revert data of eth_estimateGas; a mined revert does not, so simulate it again now
        String revert = settled.status() == TransactionStatus.REJECTED ? settled.failure()
                : chain.revertOf(operator.address(), vault.address(), calldata(withdrawal.request()))
                        .orElse(settled.failure());
        WithdrawalFailure reason = WithdrawalFailure.fromRevert(revert);
        if (reason == WithdrawalFailure.NONCE_USED) {
            Optional<Log> paid = ownPayout(withdrawal);
            if (paid.isPresent()) {
                // this very request was paid before (an earlier send came back on chain): adopt that payout
                withdrawal.mined(paid.get().getTransactionHash(), paid.get().getBlockNumber().longValueExact());
                withdrawals.update(withdrawal, clock.instant());
                return;
            }
        }
        String detail = "the vault refused the withdrawal: " + revert;
        WithdrawalFailure previous = withdrawal.failureReason();
        Optional<MarketEvent> outcome = withdrawal.refused(reason, detail, !ownTransactions(withdrawal).isEmpty(),
                reader.latestHeader());
        if (outcome.isPresent()) {
            published(withdrawal, outcome.get());
            return;
        }
        withdrawals.update(withdrawal, clock.instant());
        if (previous != reason) {
            log.warn("Withdrawal {}: refused for now ({}: {}), but a transaction with its signature went out{} and "
                    + "may still be mined; sending it again until it is paid or its deadline {} passes",
                    withdrawal.id(), reason, detail, withdrawal.announced()
                            ? " (" + withdrawal.announcedTxHash() + ", reported executed, left the chain)" : "",
                    withdrawal.request().deadline());
        }
    }

    /**
     * Every tick: withdrawals whose signature went out and whose send the vault refused for now end (DEADLINE_PASSED,
     * once: WithdrawalReversed if reported, WithdrawalFailed if not) when their deadline is behind the chain's latest
     * block, and are queued to be sent again otherwise. Rows are locked (others skipped), so two instances never
     * decide on the same withdrawal at once.
     */
    @Transactional
    void resendRefusedWithdrawals() {
        List<Withdrawal> waiting = withdrawals.lockRefusedForNow();
        if (waiting.isEmpty()) {
            return;
        }
        BlockHeader latest = reader.latestHeader();
        for (Withdrawal withdrawal : waiting) {
            String subject = withdrawal.id().toString();
            Optional<TransactionStatus> intent = journal.find(Purpose.WITHDRAW, subject)
                    .map(JournaledTransaction::status);
            if (intent.isEmpty() || (intent.get() != TransactionStatus.REJECTED
                    && intent.get() != TransactionStatus.REVERTED)) {
                continue; // queued or in flight: the sender is on it
            }
            if (withdrawal.expiredAt(latest.time())) {
                refuse(withdrawal, WithdrawalFailure.DEADLINE_PASSED, withdrawal.expiryAt(latest)
                        + "; the vault last refused it: " + withdrawal.failureDetail());
            } else {
                journal.retry(Purpose.WITHDRAW, subject);
            }
        }
    }

    /**
     * The vault's Withdrawal log of this owner and nonce, if one of this withdrawal's own journaled transactions
     * emitted it. Another request with the same nonce (a different withdrawal id) is not this one's payout, even
     * with the same recipient and amount: escrow debited both.
     */
    private Optional<Log> ownPayout(Withdrawal withdrawal) {
        WithdrawalRequested request = withdrawal.request();
        List<String> ownTransactions = ownTransactions(withdrawal);
        return vault.withdrawalLog(request.account(), request.nonce(), contracts.deploymentBlock())
                .filter(payout -> ownTransactions.contains(payout.getTransactionHash()));
    }

    /** Every signed version the journal holds for this withdrawal (each may have been broadcast), oldest first. */
    private List<String> ownTransactions(Withdrawal withdrawal) {
        return journal.find(Purpose.WITHDRAW, withdrawal.id().toString()).map(JournaledTransaction::txHashes)
                .orElse(List.of());
    }

    /**
     * Runs inside the journal's transaction that re-queues a WITHDRAW transaction gone from the chain; a reported
     * payout that left it is announced as WithdrawalReopened in that same transaction.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void onTransactionDropped(TransactionDropped dropped) {
        if (dropped.purpose() != Purpose.WITHDRAW) {
            return;
        }
        Withdrawal withdrawal = load(dropped.subject());
        if (withdrawal.status() == Withdrawal.Status.MINED || withdrawal.status() == Withdrawal.Status.EXECUTED) {
            // the vault pays each (owner, nonce) once, so the resend of the same signed call cannot pay twice
            Optional<WithdrawalReopened> reopened = withdrawal.reopen();
            reopened.ifPresent(outbox::append);
            withdrawals.update(withdrawal, clock.instant());
            log.warn("Withdrawal {}: transaction {} left the chain, sending it again{}", withdrawal.id(),
                    dropped.txHash(), reopened.map(event -> " (it was reported executed: reopening "
                            + event.reopening() + ")").orElse(""));
        } else {
            log.warn("Withdrawal {} is {} but its transaction {} left the chain", withdrawal.id(), withdrawal.status(),
                    dropped.txHash());
        }
    }

    /**
     * Reports WithdrawalExecuted for every mined withdrawal buried under {@code chain.confirmations} blocks whose
     * transaction the node still has: a reorg the indexer has not noticed yet may have moved it (its block is
     * followed) or removed it (queued again here, as {@link VanishedWithdrawals} would).
     */
    @Transactional
    void reportConfirmed() {
        long head = chain.headBlock();
        for (Withdrawal withdrawal : withdrawals.findMined()) {
            if (!withdrawal.confirmedAt(head, confirmations)) {
                continue;
            }
            Optional<Long> block = chain.receipt(withdrawal.txHash()).filter(TransactionReceipt::isStatusOK)
                    .map(receipt -> receipt.getBlockNumber().longValueExact());
            if (block.isEmpty()) {
                journal.markDropped(withdrawal.txHash());
                continue;
            }
            if (block.get() != withdrawal.blockNumber().longValue()) {
                withdrawal.minedIn(block.get());
                withdrawals.update(withdrawal, clock.instant());
                if (!withdrawal.confirmedAt(head, confirmations)) {
                    continue;
                }
            }
            Optional<WithdrawalExecuted> executed = withdrawal.execute();
            executed.ifPresent(outbox::append);
            withdrawals.update(withdrawal, clock.instant());
            log.info("Withdrawal {} executed in {} at block {}{}", withdrawal.id(), withdrawal.txHash(),
                    withdrawal.blockNumber(), executed.isPresent() ? "" : " (sent again after a reorg before "
                            + "reopenings were reported; " + withdrawal.announcedTxHash() + " was reported)");
        }
    }

    private void refuse(Withdrawal withdrawal, WithdrawalFailure reason, String detail) {
        published(withdrawal, withdrawal.refuse(reason, detail));
    }

    /** Stores the final refusal and publishes its WithdrawalFailed / WithdrawalReversed in the same transaction. */
    private void published(Withdrawal withdrawal, MarketEvent outcome) {
        outbox.append(outcome);
        withdrawals.update(withdrawal, clock.instant());
        if (withdrawal.status() == Withdrawal.Status.REVERSED) {
            log.error("Withdrawal {} was reported executed in {}, which a reorg removed, and its resend was refused "
                    + "for good: reversed, {} ({})", withdrawal.id(), withdrawal.announcedTxHash(),
                    withdrawal.failureReason(), withdrawal.failureDetail());
        } else {
            log.info("Withdrawal {} failed: {} ({})", withdrawal.id(), withdrawal.failureReason(),
                    withdrawal.failureDetail());
        }
    }

    private Withdrawal load(String withdrawalId) {
        return withdrawals.findById(UUID.fromString(withdrawalId))
                .orElseThrow(() -> new IllegalStateException("no withdrawal " + withdrawalId));
    }
}
