package com.computemarket.escrow.ledger.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TransferRequestTest {

    private static final String ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final UUID JOB = UUID.fromString("0b6f2f64-6a0e-4a47-9a43-2a3c9d1e7f10");

    @Test
    void refusesAnUnbalancedSetOfPostings() {
        List<Posting> unbalanced = List.of(
                Posting.debit(AccountRef.available(ALICE), BigInteger.TEN),
                Posting.credit(AccountRef.held(JOB), BigInteger.valueOf(9)));

        assertThatThrownBy(() -> new TransferRequest("k", TransferKind.HOLD, JOB, null, unbalanced))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unbalanced");
    }

    @Test
    void acceptsOneDebitSplitIntoSeveralCredits() {
        TransferRequest request = new TransferRequest("k", TransferKind.SETTLEMENT_PAYOUT, JOB, null, List.of(
                Posting.debit(AccountRef.leaseEscrow(JOB), BigInteger.TEN),
                Posting.credit(AccountRef.available(ALICE), BigInteger.valueOf(9)),
                Posting.credit(AccountRef.protocolFees(), BigInteger.ONE)));

        assertThat(request.balanceChanges()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                AccountRef.leaseEscrow(JOB), BigInteger.valueOf(-10),
                AccountRef.available(ALICE), BigInteger.valueOf(9),
                AccountRef.protocolFees(), BigInteger.ONE));
    }

    @Test
    void refusesZeroAndNegativePostingAmounts() {
        assertThatThrownBy(() -> Posting.debit(AccountRef.available(ALICE), BigInteger.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Posting.credit(AccountRef.available(ALICE), BigInteger.valueOf(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesATransferWithASinglePosting() {
        assertThatThrownBy(() -> new TransferRequest("k", TransferKind.DEPOSIT, null, null,
                List.of(Posting.debit(AccountRef.vaultMirror(), BigInteger.ONE))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recognisesTheSameMovementInAnyPostingOrder() {
        TransferRequest request = TransferRequest.move("k", TransferKind.HOLD, JOB, null,
                AccountRef.available(ALICE), AccountRef.held(JOB), BigInteger.TEN);

        assertThat(request.sameMovementAs(TransferKind.HOLD, List.of(
                Posting.credit(AccountRef.held(JOB), BigInteger.TEN),
                Posting.debit(AccountRef.available(ALICE), BigInteger.TEN)))).isTrue();
        assertThat(request.sameMovementAs(TransferKind.HOLD, List.of(
                Posting.credit(AccountRef.held(JOB), BigInteger.ONE),
                Posting.debit(AccountRef.available(ALICE), BigInteger.ONE)))).isFalse();
        assertThat(request.sameMovementAs(TransferKind.STAKE_BOND, request.postings())).isFalse();
    }

    @Test
    void addressOwnedAccountsRefuseSomethingThatIsNotAnAddress() {
        assertThatThrownBy(() -> AccountRef.available("alice")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountRef.stake("0x1234")).isInstanceOf(IllegalArgumentException.class);
    }
}
