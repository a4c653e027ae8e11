package com.computemarket.escrow.ledger.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.IdempotencyKeyReusedException;
import com.computemarket.escrow.ledger.model.InsufficientFundsException;
import com.computemarket.escrow.ledger.model.Posting;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.util.SimpleIdGenerator;

class LedgerTest {

    private static final String ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final String BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private static final UUID JOB = UUID.fromString("0b6f2f64-6a0e-4a47-9a43-2a3c9d1e7f10");
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final InMemoryLedgerStore store = new InMemoryLedgerStore();
    private final Ledger ledger = new Ledger(store, Clock.fixed(NOW, ZoneOffset.UTC), new SimpleIdGenerator());

    @Test
    void aDepositCreditsTheAccountAndDrivesTheVaultMirrorNegative() {
        AppliedTransfer applied = deposit(ALICE, 100, "deposit:1");

        assertThat(applied.firstApplication()).isTrue();
        assertThat(applied.transfer().recordedAt()).isEqualTo(NOW);
        assertThat(ledger.balanceOf(AccountRef.available(ALICE))).isEqualTo(BigInteger.valueOf(100));
        assertThat(ledger.balanceOf(AccountRef.vaultMirror())).isEqualTo(BigInteger.valueOf(-100));
        assertThat(applied.balancesAfter()).containsEntry(AccountRef.available(ALICE), BigInteger.valueOf(100));
    }

    @Test
    void everyTransferLeavesTheLedgerSummingToZero() {
        deposit(ALICE, 100, "deposit:1");
        ledger.apply(TransferRequest.move("hold:1", TransferKind.HOLD, JOB, null,
                AccountRef.available(ALICE), AccountRef.held(JOB), BigInteger.valueOf(60)));
        ledger.apply(new TransferRequest("settle:1", TransferKind.SETTLEMENT_PAYOUT, JOB, null, List.of(
                Posting.debit(AccountRef.held(JOB), BigInteger.valueOf(60)),
                Posting.credit(AccountRef.available(BOB), BigInteger.valueOf(58)),
                Posting.credit(AccountRef.protocolFees(), BigInteger.valueOf(2)))));

        List<AccountRef> all = List.of(AccountRef.available(ALICE), AccountRef.available(BOB), AccountRef.held(JOB),
                AccountRef.protocolFees(), AccountRef.vaultMirror());
        assertThat(all.stream().map(ledger::balanceOf).reduce(BigInteger.ZERO, BigInteger::add)).isZero();
        all.forEach(account -> assertThat(store.sumOfPostings(account)).isEqualTo(ledger.balanceOf(account)));
        assertThat(ledger.balanceOf(AccountRef.available(BOB))).isEqualTo(BigInteger.valueOf(58));
        assertThat(ledger.transfersOfJob(JOB)).hasSize(2);
    }

    @Test
    void applyingTheSameKeyTwiceIsANoOpReturningTheFirstTransfer() {
        AppliedTransfer first = deposit(ALICE, 100, "deposit:1");
        AppliedTransfer second = deposit(ALICE, 100, "deposit:1");

        assertThat(second.firstApplication()).isFalse();
        assertThat(second.transfer()).isEqualTo(first.transfer());
        assertThat(ledger.balanceOf(AccountRef.available(ALICE))).isEqualTo(BigInteger.valueOf(100));
        assertThat(store.transferCount()).isEqualTo(1);
        assertThat(store.postingCount()).isEqualTo(2);
    }

    @Test
    void refusesAKeyReusedForDifferentMoney() {
        deposit(ALICE, 100, "deposit:1");

        assertThatThrownBy(() -> deposit(ALICE, 101, "deposit:1")).isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(ledger.balanceOf(AccountRef.available(ALICE))).isEqualTo(BigInteger.valueOf(100));
    }

    @Test
    void refusesToOverdrawAndWritesNothing() {
        deposit(ALICE, 100, "deposit:1");

        assertThatThrownBy(() -> ledger.apply(TransferRequest.move("hold:1", TransferKind.HOLD, JOB, null,
                AccountRef.available(ALICE), AccountRef.held(JOB), BigInteger.valueOf(101))))
                .isInstanceOfSatisfying(InsufficientFundsException.class, refused -> {
                    assertThat(refused.account()).isEqualTo(AccountRef.available(ALICE));
                    assertThat(refused.required()).isEqualTo(BigInteger.valueOf(101));
                    assertThat(refused.available()).isEqualTo(BigInteger.valueOf(100));
                });

        assertThat(ledger.balanceOf(AccountRef.available(ALICE))).isEqualTo(BigInteger.valueOf(100));
        assertThat(ledger.balanceOf(AccountRef.held(JOB))).isZero();
        assertThat(store.transferCount()).isEqualTo(1);
    }

    @Test
    void refusesToSpendFromAnAccountThatWasNeverOpened() {
        assertThatThrownBy(() -> ledger.apply(TransferRequest.move("stake:1", TransferKind.STAKE_BOND, null, null,
                AccountRef.available(BOB), AccountRef.stake(BOB), BigInteger.ONE)))
                .isInstanceOf(InsufficientFundsException.class);
        assertThat(store.transferCount()).isZero();
    }

    @Test
    void mayEmptyAnAccountExactly() {
        deposit(ALICE, 100, "deposit:1");

        ledger.apply(TransferRequest.move("stake:1", TransferKind.STAKE_BOND, null, null,
                AccountRef.available(ALICE), AccountRef.stake(ALICE), BigInteger.valueOf(100)));

        assertThat(ledger.balanceOf(AccountRef.available(ALICE))).isZero();
        assertThat(ledger.balanceOf(AccountRef.stake(ALICE))).isEqualTo(BigInteger.valueOf(100));
    }

    private AppliedTransfer deposit(String account, long amount, String key) {
        return ledger.apply(TransferRequest.move(key, TransferKind.DEPOSIT, null, null, AccountRef.vaultMirror(),
                AccountRef.available(account), BigInteger.valueOf(amount)));
    }
}
