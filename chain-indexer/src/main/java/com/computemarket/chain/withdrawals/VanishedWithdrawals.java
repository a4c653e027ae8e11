package com.computemarket.chain.withdrawals;

import com.computemarket.chain.contracts.ChainClient;
import com.computemarket.chain.indexing.ReorgListener;
import com.computemarket.chain.transactions.TransactionJournal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * After a reorg, looks for each withdrawal mined above the fork point (reported executed or not yet) whether the
 * canonical chain still holds its transaction, paid. Still there (maybe in another block): the stored block follows
 * it, nothing is reported. Gone: the transaction journal marks it dropped, which queues the same owner-signed call to
 * be sent again and reopens the withdrawal in the same database transaction ({@link WithdrawalExecution}). The
 * vault's per-owner nonce keeps the resend from paying twice; the resend's outcome decides what escrow hears (see
 * {@link Withdrawal}).
 */
@Component
class VanishedWithdrawals implements ReorgListener {

    private static final Logger log = LoggerFactory.getLogger(VanishedWithdrawals.class);

    private final WithdrawalRepository withdrawals;
    private final ChainClient chain;
    private final TransactionJournal journal;

    VanishedWithdrawals(WithdrawalRepository withdrawals, ChainClient chain, TransactionJournal journal) {
        this.withdrawals = withdrawals;
        this.chain = chain;
        this.journal = journal;
    }

    @Override
    public void rolledBack(long forkPoint) {
        withdrawals.findOnChainAbove(forkPoint).forEach(this::recheck);
    }

    private void recheck(Withdrawal withdrawal) {
        Optional<Long> block = chain.receipt(withdrawal.txHash()).filter(TransactionReceipt::isStatusOK)
                .map(receipt -> receipt.getBlockNumber().longValueExact());
        if (block.isPresent()) {
            withdrawals.moveToBlock(withdrawal.id(), withdrawal.txHash(), block.get());
            return;
        }
        if (!journal.markDropped(withdrawal.txHash())) {
            log.error("Withdrawal {}: transaction {} vanished in a reorg but is not an open journal entry; the "
                    + "withdrawal needs an operator", withdrawal.id(), withdrawal.txHash());
        }
    }
}
