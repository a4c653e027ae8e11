package com.computemarket.chain.deposits;

import com.computemarket.chain.ChainProperties;
import com.computemarket.chain.contracts.ChainClient;
import com.computemarket.chain.contracts.EscrowVaultContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the vault's Deposit logs from the block after the cursor up to {@code head - chain.confirmations}, at most
 * {@code chain.max-block-range} blocks per eth_getLogs call. RPC calls happen outside database transactions.
 */
@Component
class DepositPoller {

    private static final Logger log = LoggerFactory.getLogger(DepositPoller.class);

    private final ChainClient chain;
    private final EscrowVaultContract vault;
    private final DepositRecorder recorder;
    private final ChainProperties properties;

    DepositPoller(ChainClient chain, EscrowVaultContract vault, DepositRecorder recorder, ChainProperties properties) {
        this.chain = chain;
        this.vault = vault;
        this.recorder = recorder;
        this.properties = properties;
    }

    /** Catches up with the confirmed head; returns how many new deposits were confirmed. */
    synchronized int poll() {
        long confirmedHead = chain.headBlock() - properties.confirmations();
        long last = recorder.lastProcessedBlock();
        int confirmed = 0;
        while (last < confirmedHead) {
            long from = last + 1;
            long to = Math.min(confirmedHead, last + properties.maxBlockRange());
            confirmed += recorder.recordRange(vault.depositsBetween(from, to), to);
            last = to;
        }
        if (confirmed > 0) {
            log.info("Confirmed {} deposits up to block {}", confirmed, last);
        }
        return confirmed;
    }
}
