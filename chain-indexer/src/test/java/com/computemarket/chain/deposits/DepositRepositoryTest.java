package com.computemarket.chain.deposits;

import static org.assertj.core.api.Assertions.assertThat;

import com.computemarket.chain.ChainIndexerIntegrationTest;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The set-based upsert of one range's logs, on the service's real PostgreSQL. Chain id 7 keeps it apart from Anvil's. */
@ChainIndexerIntegrationTest
class DepositRepositoryTest {

    private static final long CHAIN_ID = 7;
    private static final String VAULT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final String ACCOUNT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    @Autowired
    DepositRepository deposits;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void everyLogOfARangeIsStoredOnceWithItsBlockAndAmount() {
        String txHash = randomHash();
        List<ChainDeposit> logs = LongStream.range(0, 1_200)
                .mapToObj(logIndex -> new ChainDeposit(txHash, logIndex, 100 + logIndex / 50, randomHash(), ACCOUNT,
                        new BigInteger("1000000000000000000").multiply(BigInteger.valueOf(logIndex + 1))))
                .toList();

        transaction.executeWithoutResult(status -> deposits.upsert(CHAIN_ID, VAULT, logs, Instant.now()));

        for (ChainDeposit log : List.of(logs.getFirst(), logs.get(617), logs.getLast())) {
            IndexedDeposit stored = deposits.find(CHAIN_ID, txHash, log.logIndex()).orElseThrow();
            assertThat(stored.blockNumber()).isEqualTo(log.blockNumber());
            assertThat(stored.blockHash()).isEqualTo(log.blockHash());
            assertThat(stored.account()).isEqualTo(ACCOUNT);
            assertThat(stored.amount()).isEqualTo(log.amount());
            assertThat(stored.status()).isEqualTo(IndexedDeposit.Status.ON_CHAIN);
        }
        assertThat(deposits.findByAccount(CHAIN_ID, ACCOUNT, 10_000)).filteredOn(d -> d.txHash().equals(txHash))
                .hasSize(logs.size());
    }

    @Test
    void aLogReadTwiceInOneRangeKeepsItsLatestReadingAndAnAnnouncedLogStaysAnnounced() {
        String txHash = randomHash();
        ChainDeposit first = new ChainDeposit(txHash, 3, 200, randomHash(), ACCOUNT, BigInteger.TEN);
        transaction.executeWithoutResult(status -> deposits.upsert(CHAIN_ID, VAULT, List.of(first), Instant.now()));
        transaction.executeWithoutResult(status -> deposits.announceUpTo(CHAIN_ID, 200, Instant.now()));

        ChainDeposit reorganised = new ChainDeposit(txHash, 3, 201, randomHash(), ACCOUNT, BigInteger.TEN);
        ChainDeposit latest = new ChainDeposit(txHash, 3, 202, randomHash(), ACCOUNT, BigInteger.TEN);
        transaction.executeWithoutResult(status -> deposits.upsert(CHAIN_ID, VAULT, List.of(reorganised, latest),
                Instant.now()));

        IndexedDeposit stored = deposits.find(CHAIN_ID, txHash, 3).orElseThrow();
        assertThat(stored.blockNumber()).isEqualTo(202);
        assertThat(stored.blockHash()).isEqualTo(latest.blockHash());
        assertThat(stored.announcedAt()).as("announced once, not again after moving").isNotNull();
        List<IndexedDeposit> announcedLater = transaction.execute(status -> deposits.announceUpTo(CHAIN_ID, 1_000,
                Instant.now()));
        assertThat(announcedLater).noneMatch(deposit -> deposit.txHash().equals(txHash));
    }

    private static String randomHash() {
        return "0x" + (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }
}
