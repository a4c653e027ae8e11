package com.computemarket.escrow.withdrawals.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The withdrawal's cycles: executed, reopened by a reorg (numbered in turn), executed again or reversed. */
class WithdrawalTest {

    private static final String OWNER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final BigInteger AMOUNT = BigInteger.valueOf(400);
    private static final String FIRST_TX = "0x" + "a".repeat(64);
    private static final String RESENT_TX = "0x" + "b".repeat(64);
    private static final Instant AT = Instant.parse("2026-11-27T01:00:00Z");

    private final Withdrawal requested = Withdrawal.requested(UUID.randomUUID(),
            new SignedWithdrawal(OWNER, "0x" + "3".repeat(40), AMOUNT, BigInteger.ONE, 1_800_000_000L, "0x"),
            31337, "0x" + "1".repeat(40), null, AT);

    @Test
    void anExecutedWithdrawalReopenedIsRequestedAgainWithItsReopeningCountedAndCanBeExecutedAgain() {
        Withdrawal executed = requested.execute(OWNER, AMOUNT, FIRST_TX, AT);

        Withdrawal reopened = executed.reopen(OWNER.toLowerCase(), AMOUNT, 1);

        assertThat(reopened.status()).isEqualTo(WithdrawalStatus.REQUESTED);
        assertThat(reopened.reopenings()).isEqualTo(1);
        assertThat(reopened.settledAt()).isNull();
        assertThat(reopened.txHash()).isNull();
        Withdrawal again = reopened.execute(OWNER, AMOUNT, RESENT_TX, AT.plusSeconds(60));
        assertThat(again.status()).isEqualTo(WithdrawalStatus.EXECUTED);
        assertThat(again.txHash()).isEqualTo(RESENT_TX);
        assertThat(again.reopenings()).as("the cycle stays counted").isEqualTo(1);
        assertThat(again.reopen(OWNER, AMOUNT, 2).reopenings()).isEqualTo(2);
    }

    @Test
    void aReopenedWithdrawalIsReversedFromItsPendingAmountKeepingTheVanishedTransaction() {
        Withdrawal reopened = requested.execute(OWNER, AMOUNT, FIRST_TX, AT).reopen(OWNER, AMOUNT, 1);

        Withdrawal reversed = reopened.reverse(OWNER, AMOUNT, "DEADLINE_PASSED", "late", FIRST_TX, AT);

        assertThat(reversed.status()).isEqualTo(WithdrawalStatus.REVERSED);
        assertThat(reversed.txHash()).isEqualTo(FIRST_TX);
        assertThat(reversed.reopenings()).isEqualTo(1);
        assertThatThrownBy(() -> reversed.reopen(OWNER, AMOUNT, 2)).isInstanceOf(IllegalWithdrawalMoveException.class);
    }

    @Test
    void aReopeningOutOfTurnIsRefused() {
        Withdrawal executed = requested.execute(OWNER, AMOUNT, FIRST_TX, AT);

        for (int outOfTurn : new int[] {0, 2, 3, -1}) {
            assertThatThrownBy(() -> executed.reopen(OWNER, AMOUNT, outOfTurn))
                    .isInstanceOf(IllegalWithdrawalMoveException.class)
                    .hasMessageContaining("reopening " + outOfTurn);
        }
    }

    @Test
    void onlyAnExecutedWithdrawalCanBeReopened() {
        Withdrawal failed = requested.fail(OWNER, AMOUNT, "VAULT_PAUSED", "paused", AT);
        Withdrawal reversed = requested.reverse(OWNER, AMOUNT, "DEADLINE_PASSED", "late", FIRST_TX, AT);

        for (Withdrawal notExecuted : new Withdrawal[] {requested, failed, reversed}) {
            assertThatThrownBy(() -> notExecuted.reopen(OWNER, AMOUNT, 1))
                    .isInstanceOf(IllegalWithdrawalMoveException.class)
                    .hasMessageContaining(notExecuted.status().name());
        }
    }

    @Test
    void aReopeningNamingAnotherOwnerOrAmountIsRefused() {
        Withdrawal executed = requested.execute(OWNER, AMOUNT, FIRST_TX, AT);

        assertThatThrownBy(() -> executed.reopen("0x" + "4".repeat(40), AMOUNT, 1))
                .isInstanceOf(IllegalWithdrawalMoveException.class);
        assertThatThrownBy(() -> executed.reopen(OWNER, AMOUNT.add(BigInteger.ONE), 1))
                .isInstanceOf(IllegalWithdrawalMoveException.class);
    }

    @Test
    void aReopeningAppliedAlreadyIsRecognisedAsARepetitionAndNoOtherIs() {
        Withdrawal twice = requested.execute(OWNER, AMOUNT, FIRST_TX, AT).reopen(OWNER, AMOUNT, 1)
                .execute(OWNER, AMOUNT, RESENT_TX, AT).reopen(OWNER, AMOUNT, 2);

        assertThat(twice.reopenedAlready(1)).isTrue();
        assertThat(twice.reopenedAlready(2)).isTrue();
        assertThat(twice.reopenedAlready(3)).isFalse();
        assertThat(twice.reopenedAlready(0)).as("never sent: not a repetition").isFalse();
        assertThat(requested.reopenedAlready(1)).isFalse();
    }
}
