package com.computemarket.matching.auction.model;

import com.computemarket.matching.providers.model.TestNodes;
import static com.computemarket.matching.jobs.model.TestJobs.POSTED_AT;
import static com.computemarket.matching.jobs.model.TestJobs.TOKEN;
import static com.computemarket.matching.jobs.model.TestJobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.events.VerificationMode;
import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.providers.model.BidderStanding;
import com.computemarket.matching.resources.ResourceSpec;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuctionTest {

    private static final BigInteger STAKE = TOKEN.multiply(BigInteger.valueOf(100));
    private static final ResourceSpec NODE = new ResourceSpec(8000, 32768, 0);
    private static final String ALICE = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private static final String BOB = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    private static final String CAROL = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";

    private final Auction auction = new Auction(new BidEligibilityPolicy(STAKE));

    private static Offer offer(String provider, long pricePerHour, int score, Instant placedAt) {
        return offer(provider, BigInteger.valueOf(pricePerHour), score, placedAt, STAKE);
    }

    private static Offer offer(String provider, BigInteger pricePerHour, int score, Instant placedAt, BigInteger stake) {
        Bid bid = Bid.place(UUID.randomUUID(), UUID.randomUUID(), provider, pricePerHour, placedAt);
        return new Offer(bid, new BidderStanding(provider, stake, score, TestNodes.idle(NODE)));
    }

    private static List<String> providersOf(List<Offer> offers) {
        return offers.stream().map(offer -> offer.bid().provider()).toList();
    }

    @Test
    void awardsTheCheapestQualifiedBid() {
        Job job = aJob().open();
        Offer dear = offer(ALICE, 900, 500, POSTED_AT);
        Offer cheap = offer(BOB, 800, 500, POSTED_AT.plusSeconds(1));

        AuctionOutcome outcome = auction.close(job, Set.of(), List.of(dear, cheap));

        assertThat(outcome).isInstanceOfSatisfying(AuctionOutcome.Awarded.class,
                awarded -> assertThat(providersOf(awarded.winners())).containsExactly(BOB));
        assertThat(cheap.bid().status()).isEqualTo(BidStatus.WON);
        assertThat(dear.bid().status()).isEqualTo(BidStatus.LOST);
        assertThat(dear.bid().closeReason()).isEqualTo("OUTBID");
    }

    @Test
    void reputationLowersTheEffectivePriceOfAGoodProvider() {
        Job job = aJob().open();
        // 1000-score provider: 1400 counts as 1400 * 1000 / 1500 = 933.3 < 1000 of the default-score provider.
        Offer reputable = offer(ALICE, 1400, 1000, POSTED_AT.plusSeconds(5));
        Offer unknown = offer(BOB, 1000, 500, POSTED_AT);
        // 0-score provider: 600 counts as 600 * 1000 / 500 = 1200.
        Offer distrusted = offer(CAROL, 600, 0, POSTED_AT);

        AuctionOutcome outcome = auction.close(job, Set.of(), new ArrayList<>(List.of(unknown, distrusted, reputable)));

        assertThat(outcome).isInstanceOfSatisfying(AuctionOutcome.Awarded.class,
                awarded -> assertThat(providersOf(awarded.winners())).containsExactly(ALICE));
    }

    @Test
    void equalEffectivePricesGoToTheEarlierBidThenTheLowerAddress() {
        Job job = aJob().withReplicas(2, VerificationMode.REDUNDANT).open();
        // Same effective price: 1500 at score 1000 == 1000 at score 500 (cross-multiplied: 1500*1000 == 1000*1500).
        Offer late = offer(ALICE, 1500, 1000, POSTED_AT.plusSeconds(2));
        Offer earlyHighAddress = offer(CAROL.toLowerCase().replace("0x15", "0xf5"), 1000, 500, POSTED_AT);
        Offer earlyLowAddress = offer(CAROL, 1000, 500, POSTED_AT);

        AuctionOutcome outcome = auction.close(job, Set.of(), List.of(late, earlyHighAddress, earlyLowAddress));

        assertThat(outcome).isInstanceOfSatisfying(AuctionOutcome.Awarded.class,
                awarded -> assertThat(providersOf(awarded.winners()))
                        .containsExactly(CAROL, earlyHighAddress.bid().provider()));
        assertThat(late.bid().closeReason()).isEqualTo("OUTBID");
    }

    @Test
    void theRankingComparesEffectivePricesExactlyWithoutDividing() {
        // 2^100 + 1 at score 500 against 2^100 at score 500: one base unit apart must still decide.
        BigInteger big = BigInteger.TWO.pow(100);
        Offer a = offer(ALICE, big.add(BigInteger.ONE), 500, POSTED_AT, STAKE);
        Offer b = offer(BOB, big, 500, POSTED_AT.plusSeconds(9), STAKE);

        assertThat(AwardRanking.bestFirst().compare(b, a)).isNegative();
        assertThat(AwardRanking.bestFirst().compare(a, a)).isZero();
    }

    @Test
    void awardsOneLeasePerReplicaToDistinctProviders() {
        Job job = aJob().withReplicas(2, VerificationMode.REDUNDANT).open();

        AuctionOutcome outcome = auction.close(job, Set.of(), List.of(
                offer(ALICE, 700, 500, POSTED_AT), offer(BOB, 600, 500, POSTED_AT), offer(CAROL, 800, 500, POSTED_AT)));

        assertThat(outcome).isInstanceOfSatisfying(AuctionOutcome.Awarded.class,
                awarded -> assertThat(providersOf(awarded.winners())).containsExactly(BOB, ALICE));
    }

    @Test
    void refusesTwoBidsOfOneProvider() {
        Job job = aJob().open();

        assertThatThrownBy(() -> auction.close(job, Set.of(), List.of(offer(ALICE, 1, 500, POSTED_AT),
                offer(ALICE, 2, 500, POSTED_AT)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTwoBidsOfOneProviderWhoseAddressDiffersOnlyInCase() {
        Job job = aJob().open();

        assertThatThrownBy(() -> auction.close(job, Set.of(), List.of(offer(ALICE, 1, 500, POSTED_AT),
                offer(ALICE.toLowerCase(), 2, 500, POSTED_AT)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expiresWithNoBids() {
        Job job = aJob().open();

        AuctionOutcome outcome = auction.close(job, Set.of(), List.of());

        assertThat(outcome).isEqualTo(new AuctionOutcome.Expired(Map.of("NO_BIDS", 1)));
    }

    @Test
    void expiresWhenFewerBidsQualifyThanThereAreReplicasAndSaysWhy() {
        Job job = aJob().withReplicas(3, VerificationMode.REDUNDANT).withMaxPricePerHour(BigInteger.valueOf(1000)).open();
        Offer qualified = offer(ALICE, 900, 500, POSTED_AT);
        Offer tooDear = offer(BOB, 1001, 500, POSTED_AT);
        Offer unstaked = offer(CAROL, BigInteger.valueOf(500), 500, POSTED_AT, BigInteger.ZERO);

        AuctionOutcome outcome = auction.close(job, Set.of(), List.of(qualified, tooDear, unstaked));

        assertThat(outcome).isEqualTo(new AuctionOutcome.Expired(Map.of(
                "TOO_FEW_QUALIFIED_BIDS", 1, "PRICE_ABOVE_MAX", 1, "INSUFFICIENT_STAKE", 1)));
        assertThat(qualified.bid().closeReason()).isEqualTo("JOB_EXPIRED");
        assertThat(tooDear.bid().closeReason()).isEqualTo("INELIGIBLE:PRICE_ABOVE_MAX");
        assertThat(unstaked.bid().closeReason()).isEqualTo("INELIGIBLE:INSUFFICIENT_STAKE");
        assertThat(List.of(qualified, tooDear, unstaked)).allMatch(offer -> offer.bid().status() == BidStatus.LOST);
    }

    @Test
    void aBidThatLostItsStakeBeforeTheCloseIsClosedAsIneligibleAndAnotherWins() {
        Job job = aJob().open();
        Offer cheapButUnstaked = offer(ALICE, BigInteger.valueOf(100), 500, POSTED_AT, STAKE.subtract(BigInteger.ONE));
        Offer staked = offer(BOB, 900, 500, POSTED_AT);

        AuctionOutcome outcome = auction.close(job, Set.of(), List.of(cheapButUnstaked, staked));

        assertThat(outcome).isInstanceOfSatisfying(AuctionOutcome.Awarded.class,
                awarded -> assertThat(providersOf(awarded.winners())).containsExactly(BOB));
        assertThat(cheapButUnstaked.bid().closeReason()).isEqualTo("INELIGIBLE:INSUFFICIENT_STAKE");
    }
}
