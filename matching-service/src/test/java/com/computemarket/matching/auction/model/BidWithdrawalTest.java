package com.computemarket.matching.auction.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BidWithdrawalTest {

    private static final Instant PLACED_AT = Instant.parse("2026-11-26T12:00:00Z");
    private static final String PROVIDER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

    private static Bid anOpenBid() {
        return Bid.place(UUID.randomUUID(), UUID.randomUUID(), PROVIDER, BigInteger.valueOf(900), PLACED_AT);
    }

    @Test
    void anOpenBidWithdrawnLeavesTheAuction() {
        Bid bid = anOpenBid();

        bid.withdraw();

        assertThat(bid.status()).isEqualTo(BidStatus.WITHDRAWN);
        assertThat(bid.isActive()).isFalse();
        assertThat(bid.closeReason()).isNull();
    }

    @Test
    void aWithdrawnBidCanNeitherBeWithdrawnAgainNorAmendedNorClosed() {
        Bid bid = anOpenBid();
        bid.withdraw();

        assertThatThrownBy(bid::withdraw).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> bid.amend(BigInteger.TEN, PLACED_AT.plusSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(bid::closeOnJobCancelled).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(bid::win).isInstanceOf(IllegalStateException.class);
        assertThat(bid.status()).isEqualTo(BidStatus.WITHDRAWN);
    }

    @Test
    void aClosedBidCannotBeWithdrawn() {
        Bid won = anOpenBid();
        won.win();
        Bid lost = anOpenBid();
        lost.lose(Bid.OUTBID);

        assertThatThrownBy(won::withdraw).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(lost::withdraw).isInstanceOf(IllegalStateException.class);
        assertThat(won.status()).isEqualTo(BidStatus.WON);
        assertThat(lost.status()).isEqualTo(BidStatus.LOST);
    }

    @Test
    void aWithdrawnBidPlacedAgainIsOpenAtTheNewPriceAndTime() {
        Bid bid = anOpenBid();
        bid.withdraw();
        Instant again = PLACED_AT.plusSeconds(5);

        bid.renew(BigInteger.valueOf(800), again);

        assertThat(bid.status()).isEqualTo(BidStatus.ACTIVE);
        assertThat(bid.pricePerHour()).isEqualTo(BigInteger.valueOf(800));
        assertThat(bid.placedAt()).as("gives up its earlier place in the time tie-break").isEqualTo(again);
        assertThat(bid.closeReason()).isNull();
    }
}
