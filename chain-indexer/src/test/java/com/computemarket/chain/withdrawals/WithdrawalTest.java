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

/** What a withdrawal reports when its transaction leaves the chain before or after WithdrawalExecuted went out. */
class WithdrawalTest {

    private static final String FIRST_TX = "0x" + "a".repeat(64);
    private static final String RESENT_TX = "0x" + "b".repeat(64);

    private final Withdrawal withdrawal = Withdrawal.request(new WithdrawalRequested(UUID.randomUUID(), 31337,
            "0x" + "1".repeat(40), "0x" + "2".repeat(40), "0x" + "3".repeat(40), BigInteger.TEN, BigInteger.ONE,
            1_800_000_000L, "0x", Instant.EPOCH));

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
    void anUnreportedWithdrawalWhoseResendIsRefusedFailsInsteadOfBeingReversed() {
        withdrawal.mined(FIRST_TX, 10);
        withdrawal.reopen();

        assertThat(withdrawal.refuse(WithdrawalFailure.VAULT_PAUSED, "paused")).isInstanceOf(WithdrawalFailed.class);
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.FAILED);
    }
}
