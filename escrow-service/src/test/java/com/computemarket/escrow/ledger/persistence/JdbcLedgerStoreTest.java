package com.computemarket.escrow.ledger.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.escrow.EscrowIntegrationTest;
import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.ledger.application.AppliedTransfer;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.IdempotencyKeyReusedException;
import com.computemarket.escrow.ledger.model.InsufficientFundsException;
import com.computemarket.escrow.ledger.model.Posting;
import com.computemarket.escrow.ledger.model.Transfer;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's tables in real PostgreSQL, through ledger_apply_transfer: round trips, net changes, replays and
 * refusals, amounts beyond 64 bits, and the append-only guard.
 */
@EscrowIntegrationTest
class JdbcLedgerStoreTest {

    @Autowired
    Ledger ledger;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    private final String consumer = TestParties.newAddress();

    @Test
    void storesAndReadsBackAmountsFarBeyondSixtyFourBits() {
        BigInteger huge = BigInteger.TEN.pow(70).add(BigInteger.ONE);
        UUID job = UUID.randomUUID();

        transactions.executeWithoutResult(status -> {
            ledger.apply(TransferRequest.move("deposit:huge:" + consumer, TransferKind.DEPOSIT, null, null,
                    AccountRef.vaultMirror(), AccountRef.available(consumer), huge));
            ledger.apply(TransferRequest.move("hold:" + job, TransferKind.HOLD, job, null,
                    AccountRef.available(consumer), AccountRef.held(job), huge.subtract(BigInteger.ONE)));
        });

        assertThat(ledger.balanceOf(AccountRef.available(consumer))).isEqualTo(BigInteger.ONE);
        Transfer hold = ledger.transfersOfJob(job).getFirst();
        assertThat(hold.postings()).extracting(posting -> posting.amount())
                .containsOnly(BigInteger.TEN.pow(70));
        assertThat(hold.kind()).isEqualTo(TransferKind.HOLD);
    }

    @Test
    void aRefusedTransferOpensNoAccountAndWritesNothing() {
        UUID job = UUID.randomUUID();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> ledger.apply(TransferRequest.move(
                "hold:" + job, TransferKind.HOLD, job, null, AccountRef.available(consumer), AccountRef.held(job),
                BigInteger.ONE)))).isInstanceOf(InsufficientFundsException.class);

        assertThat(jdbc.sql("select count(*) from account where owner in (?, ?)").params(consumer, job.toString())
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from transfer where job_id = ?").param(job)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void appliesAnAccountPostedTwiceByItsNetChangeAndAnswersReplaysAndRefusalsLikeTheFirstTime() {
        UUID job = UUID.randomUUID();
        String provider = TestParties.newAddress();
        transactions.executeWithoutResult(status -> ledger.apply(TransferRequest.move("deposit:net:" + consumer,
                TransferKind.DEPOSIT, null, null, AccountRef.vaultMirror(), AccountRef.available(consumer),
                BigInteger.valueOf(100))));
        TransferRequest split = new TransferRequest("split:" + job, TransferKind.HOLD, job, null, List.of(
                Posting.debit(AccountRef.available(consumer), BigInteger.valueOf(30)),
                Posting.credit(AccountRef.held(job), BigInteger.valueOf(20)),
                Posting.credit(AccountRef.held(job), BigInteger.valueOf(5)),
                Posting.credit(AccountRef.available(provider), BigInteger.valueOf(5))));

        AppliedTransfer first = transactions.execute(status -> ledger.apply(split));
        TransferRequest reordered = new TransferRequest(split.idempotencyKey(), split.kind(), job, null,
                split.postings().reversed());
        AppliedTransfer replay = transactions.execute(status -> ledger.apply(reordered));

        assertThat(first.firstApplication()).isTrue();
        assertThat(first.balancesAfter()).containsOnly(
                Map.entry(AccountRef.available(consumer), BigInteger.valueOf(70)),
                Map.entry(AccountRef.held(job), BigInteger.valueOf(25)),
                Map.entry(AccountRef.available(provider), BigInteger.valueOf(5)));
        assertThat(replay.firstApplication()).isFalse();
        assertThat(replay.transfer().id()).isEqualTo(first.transfer().id());
        assertThat(replay.transfer().postings()).containsExactlyElementsOf(split.postings());
        assertThat(ledger.balanceOf(AccountRef.held(job))).isEqualTo(BigInteger.valueOf(25));
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> ledger.apply(TransferRequest.move(
                split.idempotencyKey(), TransferKind.HOLD, job, null, AccountRef.available(consumer),
                AccountRef.held(job), BigInteger.valueOf(30))))).isInstanceOf(IdempotencyKeyReusedException.class);
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> ledger.apply(TransferRequest.move(
                "overdraw:" + job, TransferKind.HOLD, job, null, AccountRef.available(consumer),
                AccountRef.held(job), BigInteger.valueOf(71)))))
                .isInstanceOfSatisfying(InsufficientFundsException.class, refused -> {
                    assertThat(refused.account()).isEqualTo(AccountRef.available(consumer));
                    assertThat(refused.required()).isEqualTo(BigInteger.valueOf(71));
                    assertThat(refused.available()).isEqualTo(BigInteger.valueOf(70));
                });
        assertThat(ledger.balanceOf(AccountRef.available(consumer))).isEqualTo(BigInteger.valueOf(70));
    }

    @Test
    void postingsAndTransfersCannotBeRewrittenOrDeleted() {
        transactions.executeWithoutResult(status -> ledger.apply(TransferRequest.move("deposit:rewrite:" + consumer,
                TransferKind.DEPOSIT, null, null, AccountRef.vaultMirror(), AccountRef.available(consumer),
                BigInteger.TEN)));

        assertThatThrownBy(() -> jdbc.sql("update posting set amount = 1").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from transfer").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("update account set balance = -1 where owner = ?").param(consumer).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("account_never_overdrawn");
        assertThat(ledger.balanceOf(AccountRef.available(consumer))).isEqualTo(BigInteger.TEN);
    }
}
