package com.computemarket.chain.withdrawals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.events.WithdrawalExecuted;
import com.computemarket.events.WithdrawalFailed;
import com.computemarket.events.WithdrawalRequested;
import com.computemarket.events.WithdrawalReversed;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a withdrawal reports when its transaction leaves the chain before or after WithdrawalExecuted went out, and
 * which refusals of its resend may reverse it.
 */
class WithdrawalTest {

    private static final String FIRST_TX = "0x" + "a".repeat(64);
    private static final String RESENT_TX = "0x" + "b".repeat(64);
    private static final long DEADLINE = 1_800_000_000L;

    private final Withdrawal withdrawal = Withdrawal.request(new WithdrawalRequested(UUID.randomUUID(), 31337,
            "0x" + "1".repeat(40), "0x" + "2".repeat(40), "0x" + "3".repeat(40), BigInteger.TEN, BigInteger.ONE,
            DEADLINE, "0x", Instant.EPOCH));

    @Test
    void aWithdrawalMinedAgainAfterItWasReportedIsNotReportedASecondTime() {
        withdrawal.mined(FIRST_TX, 10);
        WithdrawalExecuted first = withdrawal.execute().orElseThrow();
        assertThat(first.txHash()).isEqualTo(FIRST_TX);

        withdrawal.reopen();
        withdrawal.mined(RESENT_TX, 14);

        assertThat(withdrawal.execute()).isEmpty();
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.EXECUTED);
        assertThat(withdrawal.txHash()).isEqualTo(RESENT_TX);
        assertThat(withdrawal.announcedTxHash()).isEqualTo(FIRST_TX);
    }

    @Test
    void aReportedWithdrawalWhoseResendIsRefusedIsReversedNamingTheVanishedTransaction() {
        withdrawal.mined(FIRST_TX, 10);
        withdrawal.execute();
        withdrawal.reopen();

        WithdrawalReversed reversed = (WithdrawalReversed) withdrawal.refuse(WithdrawalFailure.DEADLINE_PASSED, "late");

        assertThat(reversed.executedTxHash()).isEqualTo(FIRST_TX);
        assertThat(reversed.reason()).isEqualTo("DEADLINE_PASSED");
        assertThat(reversed.amount()).isEqualTo(BigInteger.TEN);
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.REVERSED);
        assertThatThrownBy(withdrawal::reopen).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReportedWithdrawalWhoseNonceAnotherWithdrawalUsedIsReversed() {
        withdrawal.mined(FIRST_TX, 10);
        withdrawal.execute();
        withdrawal.reopen();

        WithdrawalReversed reversed = (WithdrawalReversed) withdrawal.refuse(WithdrawalFailure.NONCE_USED, "taken");

        assertThat(reversed.reason()).isEqualTo("NONCE_USED");
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.REVERSED);
    }

    @Test
    void aReportedWithdrawalIsNeverReversedForARefusalThatMayPassBecauseItsSignatureCouldStillPay() {
        withdrawal.mined(FIRST_TX, 10);
        withdrawal.execute();
        withdrawal.reopen();

        for (WithdrawalFailure mayPass : new WithdrawalFailure[] {WithdrawalFailure.VAULT_PAUSED,
                WithdrawalFailure.REVERTED, WithdrawalFailure.SIGNATURE_REJECTED}) {
            assertThatThrownBy(() -> withdrawal.refuse(mayPass, "not for good"))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.REQUESTED);
        assertThat(withdrawal.failureReason()).isNull();
    }

    @Test
    void aReportedWithdrawalRefusedForNowWaitsAndWhenPaidLaterIsNotReportedAgain() {
        withdrawal.mined(FIRST_TX, 10);
        withdrawal.execute();
        withdrawal.reopen();

        withdrawal.refusedForNow(WithdrawalFailure.VAULT_PAUSED, "paused");
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.REQUESTED);
        assertThat(withdrawal.failureReason()).isEqualTo(WithdrawalFailure.VAULT_PAUSED);

        withdrawal.mined(RESENT_TX, 20);
        assertThat(withdrawal.execute()).isEmpty();
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.EXECUTED);
        assertThat(withdrawal.announcedTxHash()).isEqualTo(FIRST_TX);
    }

    @Test
    void anUnreportedWithdrawalIsNeverHeldBackARefusalFailsIt() {
        assertThatThrownBy(() -> withdrawal.refusedForNow(WithdrawalFailure.VAULT_PAUSED, "paused"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void itsSignatureExpiresInTheFirstBlockStampedAfterTheDeadlineAsTheVaultDecides() {
        assertThat(withdrawal.expiredAt(Instant.ofEpochSecond(DEADLINE))).isFalse();
        assertThat(withdrawal.expiredAt(Instant.ofEpochSecond(DEADLINE + 1))).isTrue();
    }

    @Test
    void anUnreportedWithdrawalWhoseResendIsRefusedFailsInsteadOfBeingReversed() {
        withdrawal.mined(FIRST_TX, 10);
        withdrawal.reopen();

        assertThat(withdrawal.refuse(WithdrawalFailure.VAULT_PAUSED, "paused")).isInstanceOf(WithdrawalFailed.class);
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.FAILED);
    }
}
