package com.computemarket.chain.withdrawals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.chain.indexing.BlockHeader;
import com.computemarket.events.WithdrawalExecuted;
import com.computemarket.events.WithdrawalFailed;
import com.computemarket.events.WithdrawalReopened;
import com.computemarket.events.WithdrawalRequested;
import com.computemarket.events.WithdrawalReversed;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a withdrawal reports when its transaction leaves the chain before or after WithdrawalExecuted went out, and
 * which refusals end it: at once only when no transaction with its signature was ever signed, otherwise only when none
 * can pay any more.
 */
class WithdrawalTest {

    private static final String FIRST_TX = "0x" + "a".repeat(64);
    private static final String RESENT_TX = "0x" + "b".repeat(64);
    private static final long DEADLINE = 1_800_000_000L;
    private static final BlockHeader BEFORE_DEADLINE = new BlockHeader(98, "0x98", "0x97",
            Instant.ofEpochSecond(DEADLINE));
    private static final BlockHeader AFTER_DEADLINE = new BlockHeader(99, "0x99", "0x98",
            Instant.ofEpochSecond(DEADLINE + 1));

    private final Withdrawal withdrawal = Withdrawal.request(new WithdrawalRequested(UUID.randomUUID(), 31337,
            "0x" + "1".repeat(40), "0x" + "2".repeat(40), "0x" + "3".repeat(40), BigInteger.TEN, BigInteger.ONE,
            DEADLINE, "0x", Instant.EPOCH));

    @Test
    void aReportedPayoutThatLeftTheChainIsReportedReopenedAndItsPaidResendIsReportedAgain() {
        withdrawal.mined(FIRST_TX, 10);
        WithdrawalExecuted first = withdrawal.execute().orElseThrow();
        assertThat(first.txHash()).isEqualTo(FIRST_TX);

        WithdrawalReopened reopened = withdrawal.reopen().orElseThrow();
        assertThat(reopened.reopening()).isEqualTo(1);
        assertThat(reopened.vanishedTxHash()).isEqualTo(FIRST_TX);
        assertThat(reopened.amount()).isEqualTo(BigInteger.TEN);
        assertThat(reopened.account()).isEqualTo(first.account());
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.REQUESTED);
        withdrawal.mined(RESENT_TX, 14);

        WithdrawalExecuted again = withdrawal.execute().orElseThrow();
        assertThat(again.txHash()).isEqualTo(RESENT_TX);
        assertThat(again.blockNumber()).isEqualTo(14);
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.EXECUTED);
        assertThat(withdrawal.announcedTxHash()).isEqualTo(RESENT_TX);
        assertThat(withdrawal.announcedReopening()).isEqualTo(1);
    }

    @Test
    void eachReopeningOfAReportedPayoutIsNumberedOnceAndAReopenBeforeTheReportSaysNothing() {
        withdrawal.mined(FIRST_TX, 10);
        assertThat(withdrawal.reopen()).as("MINED: escrow still holds it pending").isEmpty();
        withdrawal.mined(FIRST_TX, 12);
        withdrawal.execute().orElseThrow();
        assertThat(withdrawal.reopen().orElseThrow().reopening()).isEqualTo(1);
        withdrawal.mined(RESENT_TX, 14);
        assertThat(withdrawal.reopen()).as("the resend left before it was buried").isEmpty();
        withdrawal.mined(RESENT_TX, 16);
        assertThat(withdrawal.execute()).isPresent();

        WithdrawalReopened second = withdrawal.reopen().orElseThrow();

        assertThat(second.reopening()).isEqualTo(2);
        assertThat(second.vanishedTxHash()).isEqualTo(RESENT_TX);
        assertThat(withdrawal.reopenings()).isEqualTo(2);
    }

    @Test
    void aRowReopenedBeforeReopeningsWereReportedIsNotAnnouncedAgainBecauseEscrowStillCountsItPaid() {
        Withdrawal legacy = Withdrawal.restore(withdrawal.request(), Withdrawal.Status.MINED, RESENT_TX, 14L, null,
                null, FIRST_TX, 0, 0);

        assertThat(legacy.execute()).isEmpty();
        assertThat(legacy.status()).isEqualTo(Withdrawal.Status.EXECUTED);
        assertThat(legacy.announcedTxHash()).isEqualTo(FIRST_TX);
        assertThat(legacy.reopen().orElseThrow().reopening()).as("escrow counts it paid: reported").isEqualTo(1);
    }

    @Test
    void aWithdrawalReversedAfterASecondReportedCycleNamesTheLatestReportedTransaction() {
        withdrawal.mined(FIRST_TX, 10);
        withdrawal.execute();
        withdrawal.reopen();
        withdrawal.mined(RESENT_TX, 14);
        withdrawal.execute();
        withdrawal.reopen();

        WithdrawalReversed reversed = (WithdrawalReversed) withdrawal.refuse(WithdrawalFailure.DEADLINE_PASSED, "late");

        assertThat(reversed.executedTxHash()).isEqualTo(RESENT_TX);
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.REVERSED);
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
    void aReportedWithdrawalRefusedForNowWaitsAndWhenPaidLaterIsReportedAgain() {
        withdrawal.mined(FIRST_TX, 10);
        withdrawal.execute();
        withdrawal.reopen();

        assertThat(withdrawal.refused(WithdrawalFailure.VAULT_PAUSED, "paused", true, BEFORE_DEADLINE)).isEmpty();
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.REQUESTED);
        assertThat(withdrawal.failureReason()).isEqualTo(WithdrawalFailure.VAULT_PAUSED);

        withdrawal.mined(RESENT_TX, 20);
        assertThat(withdrawal.execute().orElseThrow().txHash()).isEqualTo(RESENT_TX);
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.EXECUTED);
        assertThat(withdrawal.announcedTxHash()).isEqualTo(RESENT_TX);
        assertThat(withdrawal.failureReason()).as("paid after all").isNull();
    }

    @Test
    void aWithdrawalWhoseEverySendWasRefusedInSimulationFailsAtOnceWithTheVaultsReason() {
        WithdrawalFailed failed = (WithdrawalFailed) withdrawal.refused(WithdrawalFailure.VAULT_PAUSED, "paused",
                false, BEFORE_DEADLINE).orElseThrow();

        assertThat(failed.reason()).isEqualTo("VAULT_PAUSED");
        assertThat(failed.amount()).isEqualTo(BigInteger.TEN);
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.FAILED);
    }

    @Test
    void anUnreportedWithdrawalWhoseTransactionAReorgRemovedWaitsWhileItsResendIsRefusedForNow() {
        withdrawal.mined(FIRST_TX, 10);
        withdrawal.reopen();

        for (WithdrawalFailure mayPass : new WithdrawalFailure[] {WithdrawalFailure.VAULT_PAUSED,
                WithdrawalFailure.REVERTED, WithdrawalFailure.SIGNATURE_REJECTED}) {
            assertThat(withdrawal.refused(mayPass, "not for good", true, BEFORE_DEADLINE)).isEmpty();
            assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.REQUESTED);
            assertThat(withdrawal.failureReason()).isEqualTo(mayPass);
        }

        withdrawal.mined(RESENT_TX, 20);
        WithdrawalExecuted executed = withdrawal.execute().orElseThrow();
        assertThat(executed.txHash()).as("reported once, with the transaction that stayed").isEqualTo(RESENT_TX);
    }

    @Test
    void aWithdrawalWhoseFirstTransactionWentOutButWasNeverMinedWaitsWhileItIsRefusedForNow() {
        // signed and broadcast, then dropped or replaced before any block had it: it may still be pending somewhere
        assertThat(withdrawal.refused(WithdrawalFailure.VAULT_PAUSED, "paused", true, BEFORE_DEADLINE)).isEmpty();

        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.REQUESTED);
        assertThat(withdrawal.failureReason()).isEqualTo(WithdrawalFailure.VAULT_PAUSED);
    }

    @Test
    void anUnreportedWithdrawalWhoseSignatureWentOutFailsOnceTheDeadlineIsBehindTheLatestBlock() {
        withdrawal.mined(FIRST_TX, 10);
        withdrawal.reopen();

        WithdrawalFailed failed = (WithdrawalFailed) withdrawal.refused(WithdrawalFailure.VAULT_PAUSED, "paused",
                true, AFTER_DEADLINE).orElseThrow();

        assertThat(failed.reason()).as("whatever the paused vault answered").isEqualTo("DEADLINE_PASSED");
        assertThat(failed.detail()).contains("block 99").contains("paused");
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.FAILED);
    }

    @Test
    void anUnreportedWithdrawalWhoseSignatureWentOutFailsWhenAnotherWithdrawalUsedItsNonce() {
        withdrawal.mined(FIRST_TX, 10);
        withdrawal.reopen();

        WithdrawalFailed failed = (WithdrawalFailed) withdrawal.refused(WithdrawalFailure.NONCE_USED, "taken", true,
                BEFORE_DEADLINE).orElseThrow();

        assertThat(failed.reason()).isEqualTo("NONCE_USED");
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.FAILED);
    }

    @Test
    void aReportedWithdrawalRefusedAfterItsDeadlineIsReversed() {
        withdrawal.mined(FIRST_TX, 10);
        withdrawal.execute();
        withdrawal.reopen();

        WithdrawalReversed reversed = (WithdrawalReversed) withdrawal.refused(WithdrawalFailure.VAULT_PAUSED,
                "paused", true, AFTER_DEADLINE).orElseThrow();

        assertThat(reversed.reason()).isEqualTo("DEADLINE_PASSED");
        assertThat(reversed.executedTxHash()).isEqualTo(FIRST_TX);
        assertThat(withdrawal.status()).isEqualTo(Withdrawal.Status.REVERSED);
    }

    @Test
    void onlyARequestedWithdrawalCanBeRefused() {
        withdrawal.mined(FIRST_TX, 10);

        assertThatThrownBy(() -> withdrawal.refused(WithdrawalFailure.VAULT_PAUSED, "paused", true, BEFORE_DEADLINE))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void itsSignatureExpiresInTheFirstBlockStampedAfterTheDeadlineAsTheVaultDecides() {
        assertThat(withdrawal.expiredAt(Instant.ofEpochSecond(DEADLINE))).isFalse();
        assertThat(withdrawal.expiredAt(Instant.ofEpochSecond(DEADLINE + 1))).isTrue();
    }
}
