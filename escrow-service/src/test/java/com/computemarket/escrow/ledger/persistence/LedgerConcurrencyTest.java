package com.computemarket.escrow.ledger.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.ledger.application.AppliedTransfer;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.InsufficientFundsException;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Many transactions moving money on one account at once, against real PostgreSQL. */
@EscrowIntegrationTest
class LedgerConcurrencyTest {

    private static final int PARALLEL = 24;

    @Autowired
    Ledger ledger;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    private final String consumer = TestParties.newAddress();

    @Test
    void parallelHoldsOnOneAccountNeverOverdrawIt() throws Exception {
        apply(deposit(10));
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            jobs.add(UUID.randomUUID());
        }

        List<Outcome> outcomes = runAllAtOnce(i -> () -> apply(TransferRequest.move("hold:" + jobs.get(i),
                TransferKind.HOLD, jobs.get(i), null, AccountRef.available(consumer), AccountRef.held(jobs.get(i)),
                BigInteger.ONE)));

        assertThat(outcomes.stream().filter(Outcome::applied).count()).isEqualTo(10);
        assertThat(outcomes.stream().filter(Outcome::refused).count()).isEqualTo(PARALLEL - 10);
        assertThat(ledger.balanceOf(AccountRef.available(consumer))).isZero();
        assertThat(jobs.stream().map(job -> ledger.balanceOf(AccountRef.held(job))).reduce(BigInteger::add))
                .contains(BigInteger.TEN);
        assertThat(sumOfPostings(AccountRef.available(consumer))).isZero();
    }

    @Test
    void parallelCreditsToOneAccountLoseNoUpdate() throws Exception {
        List<Outcome> outcomes = runAllAtOnce(i -> () -> apply(deposit(i + 1)));

        long expected = (long) PARALLEL * (PARALLEL + 1) / 2;
        assertThat(outcomes).allMatch(Outcome::applied);
        assertThat(ledger.balanceOf(AccountRef.available(consumer))).isEqualTo(BigInteger.valueOf(expected));
        assertThat(sumOfPostings(AccountRef.available(consumer))).isEqualTo(BigInteger.valueOf(expected));
    }

    @Test
    void theSameKeyAppliedInParallelMovesMoneyOnce() throws Exception {
        apply(deposit(100));
        UUID job = UUID.randomUUID();
        TransferRequest hold = TransferRequest.move("hold:" + job, TransferKind.HOLD, job, null,
                AccountRef.available(consumer), AccountRef.held(job), BigInteger.valueOf(7));

        List<Outcome> outcomes = runAllAtOnce(i -> () -> apply(hold));

        assertThat(outcomes).allMatch(Outcome::applied);
        assertThat(outcomes.stream().filter(Outcome::first).count()).isEqualTo(1);
        assertThat(ledger.balanceOf(AccountRef.held(job))).isEqualTo(BigInteger.valueOf(7));
        assertThat(ledger.balanceOf(AccountRef.available(consumer))).isEqualTo(BigInteger.valueOf(93));
        assertThat(ledger.transfersOfJob(job)).hasSize(1);
    }

    /**
     * A participant who is both consumer and provider: its holds (debits) and the payouts of its leases (credits)
     * land on its one available account at once. Whatever the interleaving, no hold overdraws it, every payout
     * arrives, and the stored balance is exactly what the postings say.
     */
    @Test
    void parallelHoldsAndPayoutsOnOneAccountNeverOverdrawItNorLoseAnUpdate() throws Exception {
        int startingBalance = 5;
        apply(deposit(startingBalance));
        List<UUID> leases = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            leases.add(earnedLeaseWorthOne());
        }
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            jobs.add(UUID.randomUUID());
        }

        List<Outcome> outcomes = runAllAtOnce(2 * PARALLEL, i -> i % 2 == 0
                ? () -> apply(TransferRequest.move("hold:" + jobs.get(i / 2), TransferKind.HOLD, jobs.get(i / 2),
                        null, AccountRef.available(consumer), AccountRef.held(jobs.get(i / 2)), BigInteger.ONE))
                : () -> apply(TransferRequest.move("payout:" + leases.get(i / 2), TransferKind.SETTLEMENT_PAYOUT,
                        null, leases.get(i / 2), AccountRef.leaseEarned(leases.get(i / 2)),
                        AccountRef.available(consumer), BigInteger.ONE)));

        List<Outcome> holds = IntStream.range(0, outcomes.size()).filter(i -> i % 2 == 0)
                .mapToObj(outcomes::get).toList();
        List<Outcome> payouts = IntStream.range(0, outcomes.size()).filter(i -> i % 2 == 1)
                .mapToObj(outcomes::get).toList();
        long appliedHolds = holds.stream().filter(Outcome::applied).count();
        assertThat(payouts).allMatch(Outcome::applied);
        assertThat(holds).allMatch(hold -> hold.applied() || hold.refused());
        // The first holds always find the starting balance; a refused hold found the account empty at its turn.
        assertThat(appliedHolds).isBetween((long) startingBalance, (long) PARALLEL);
        BigInteger expectedBalance = BigInteger.valueOf(startingBalance + PARALLEL - appliedHolds);
        assertThat(ledger.balanceOf(AccountRef.available(consumer))).isEqualTo(expectedBalance);
        assertThat(sumOfPostings(AccountRef.available(consumer))).isEqualTo(expectedBalance);
        assertThat(jobs.stream().map(job -> ledger.balanceOf(AccountRef.held(job))).reduce(BigInteger::add))
                .contains(BigInteger.valueOf(appliedHolds));
        assertThat(leases).allSatisfy(lease -> assertThat(ledger.balanceOf(AccountRef.leaseEarned(lease))).isZero());
    }

    /** A lease of another consumer's job that has earned 1 for its provider, reached the way the market reaches it. */
    private UUID earnedLeaseWorthOne() {
        String otherConsumer = TestParties.newAddress();
        UUID job = UUID.randomUUID();
        UUID lease = UUID.randomUUID();
        apply(TransferRequest.move("deposit:test:" + UUID.randomUUID(), TransferKind.DEPOSIT, null, null,
                AccountRef.vaultMirror(), AccountRef.available(otherConsumer), BigInteger.ONE));
        apply(TransferRequest.move("hold:" + job, TransferKind.HOLD, job, null, AccountRef.available(otherConsumer),
                AccountRef.held(job), BigInteger.ONE));
        apply(TransferRequest.move("lease-funding:" + lease, TransferKind.LEASE_FUNDING, job, lease,
                AccountRef.held(job), AccountRef.leaseEscrow(lease), BigInteger.ONE));
        apply(TransferRequest.move("lease-accrual:" + lease, TransferKind.LEASE_ACCRUAL, job, lease,
                AccountRef.leaseEscrow(lease), AccountRef.leaseEarned(lease), BigInteger.ONE));
        return lease;
    }

    private TransferRequest deposit(long amount) {
        return TransferRequest.move("deposit:test:" + UUID.randomUUID(), TransferKind.DEPOSIT, null, null,
                AccountRef.vaultMirror(), AccountRef.available(consumer), BigInteger.valueOf(amount));
    }

    private Outcome apply(TransferRequest request) {
        try {
            AppliedTransfer applied = transactions.execute(status -> ledger.apply(request));
            return new Outcome(true, applied.firstApplication(), false);
        } catch (InsufficientFundsException refused) {
            return new Outcome(false, false, true);
        }
    }

    private static List<Outcome> runAllAtOnce(IntFunction<Callable<Outcome>> task) throws Exception {
        return runAllAtOnce(PARALLEL, task);
    }

    private static List<Outcome> runAllAtOnce(int tasks, IntFunction<Callable<Outcome>> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newFixedThreadPool(tasks)) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                Callable<Outcome> work = task.apply(i);
                futures.add(executor.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        }
    }

    private BigInteger sumOfPostings(AccountRef account) {
        return jdbc.sql("""
                        select coalesce(sum(case p.direction when 'CREDIT' then p.amount else -p.amount end), 0)
                        from posting p join account a on a.id = p.account_id
                        where a.owner = ? and a.purpose = ?""")
                .params(account.owner(), account.purpose().name())
                .query(BigDecimal.class)
                .single()
                .toBigIntegerExact();
    }

    private record Outcome(boolean applied, boolean first, boolean refused) {
    }
}
