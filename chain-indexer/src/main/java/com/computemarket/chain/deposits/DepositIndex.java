package com.computemarket.chain.deposits;

import com.computemarket.chain.ChainProperties;
import com.computemarket.chain.contracts.DeployedContracts;
import com.computemarket.chain.contracts.EscrowVaultContract;
import com.computemarket.chain.indexing.IndexPosition;
import com.computemarket.chain.indexing.IndexedEventSource;
import com.computemarket.events.DepositConfirmed;
import com.computemarket.events.DepositReversed;
import com.computemarket.messaging.EventOutbox;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The vault's Deposit logs. Each is stored when seen; DepositConfirmed goes out once, when its block is
 * {@code chain.confirmations} deep (SAFE); after a reorg, a deposit whose log is back in the canonical chain (same
 * key, possibly another block) keeps its state, one that never came back is forgotten if unannounced and reversed
 * (DepositReversed, once) if announced. A reversed deposit whose log comes back is announced again with the next
 * generation (the number of its reversals), which is how escrow tells it from a redelivery.
 */
@Component
class DepositIndex implements IndexedEventSource {

    private static final Logger log = LoggerFactory.getLogger(DepositIndex.class);

    private final DepositRepository deposits;
    private final EventOutbox outbox;
    private final DeployedContracts contracts;
    private final int confirmations;

    DepositIndex(DepositRepository deposits, EventOutbox outbox, DeployedContracts contracts,
            ChainProperties properties) {
        this.deposits = deposits;
        this.outbox = outbox;
        this.contracts = contracts;
        this.confirmations = properties.confirmations();
    }

    @Override
    public String address() {
        return contracts.vault();
    }

    @Override
    public String topic() {
        return EscrowVaultContract.DEPOSIT_TOPIC;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(List<Log> logs, Instant now) {
        if (!logs.isEmpty()) {
            deposits.upsert(contracts.chainId(), contracts.vault(), logs.stream().map(ChainDeposit::of).toList(), now);
        }
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void orphanAbove(long forkPoint, Instant now) {
        deposits.orphanAbove(contracts.chainId(), forkPoint);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int settle(IndexPosition position, Instant now) {
        long chainId = contracts.chainId();
        if (position.caughtUp()) {
            int forgotten = deposits.forgetUnannouncedOrphans(chainId);
            List<IndexedDeposit> reversed = deposits.reverseAnnouncedOrphans(chainId, now);
            // the row counts this reversal already; the reversal names the generation it takes back
            outbox.appendAll(reversed.stream().map(deposit -> new DepositReversed(chainId, deposit.txHash(),
                    deposit.logIndex(), deposit.blockNumber(), deposit.blockHash(), deposit.account(),
                    contracts.token(), deposit.amount(), deposit.reversals() - 1)).toList());
            if (forgotten > 0 || !reversed.isEmpty()) {
                log.warn("After a reorg: {} unconfirmed deposits vanished, {} confirmed deposits reversed", forgotten,
                        reversed.size());
            }
        }
        long safeBlock = Math.min(position.head() - confirmations, position.lastIndexed());
        List<IndexedDeposit> announced = deposits.announceUpTo(chainId, safeBlock, now);
        // one outbox statement for the whole step: a backfill announces thousands of deposits at once
        outbox.appendAll(announced.stream().map(deposit -> new DepositConfirmed(chainId, deposit.txHash(),
                deposit.logIndex(), deposit.blockNumber(), deposit.account(), contracts.token(), deposit.amount(),
                deposit.reversals())).toList());
        return announced.size();
    }
}
