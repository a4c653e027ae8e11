package com.computemarket.chain.deposits;

import com.computemarket.chain.contracts.DeployedContracts;
import com.computemarket.chain.contracts.EscrowVaultContract.DepositLog;
import com.computemarket.events.DepositConfirmed;
import com.computemarket.messaging.EventOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records confirmed Deposit logs of a block range and moves the cursor past it, all in one transaction. */
@Service
class DepositRecorder {

    private final DepositRepository deposits;
    private final EventOutbox outbox;
    private final DeployedContracts contracts;
    private final Clock clock;

    DepositRecorder(DepositRepository deposits, EventOutbox outbox, DeployedContracts contracts, Clock clock) {
        this.deposits = deposits;
        this.outbox = outbox;
        this.contracts = contracts;
        this.clock = clock;
    }

    /** The block before which scanning starts: the cursor, or the block before the vault was deployed. */
    @Transactional(readOnly = true)
    long lastProcessedBlock() {
        return deposits.lastProcessedBlock(contracts.chainId(), contracts.vault())
                .orElse(Math.max(contracts.deploymentBlock() - 1, -1));
    }

    /** Each log not seen before becomes one DepositConfirmed; a log seen before (re-scanned range) changes nothing. */
    @Transactional
    int recordRange(List<DepositLog> logs, long toBlock) {
        Instant now = clock.instant();
        int confirmed = 0;
        for (DepositLog log : logs) {
            if (deposits.recordIfNew(contracts.chainId(), contracts.vault(), log, now)) {
                outbox.append(new DepositConfirmed(contracts.chainId(), log.txHash(), log.logIndex(),
                        log.blockNumber(), log.account(), contracts.token(), log.amount()));
                confirmed++;
            }
        }
        deposits.moveCursor(contracts.chainId(), contracts.vault(), toBlock, now);
        return confirmed;
    }
}
