package com.computemarket.matching.auction.model;

import static com.computemarket.matching.jobs.model.TestJobs.CONSUMER;
import static com.computemarket.matching.jobs.model.TestJobs.POSTED_AT;
import static com.computemarket.matching.jobs.model.TestJobs.TOKEN;
import static com.computemarket.matching.jobs.model.TestJobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.providers.model.BidderStanding;
import com.computemarket.matching.providers.model.CollateralShare;
import com.computemarket.matching.providers.model.TestNodes;
import com.computemarket.matching.resources.ResourceSpec;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The free-stake rule: a provider's free stake must cover the collateral escrow will lock for the lease. */
class CollateralEligibilityTest {

    private static final String PROVIDER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private static final BigInteger MIN_STAKE = TOKEN.multiply(BigInteger.valueOf(100));
    private static final ResourceSpec NODE = new ResourceSpec(8000, 32768, 2);
    // 10 tokens an hour for 10 hours at 10%: 10 tokens of collateral.
    private static final BigInteger PRICE = TOKEN.multiply(BigInteger.TEN);
    private static final long DURATION = 36_000;
    private static final BigInteger COLLATERAL = TOKEN.multiply(BigInteger.TEN);

    private final BidEligibilityPolicy policy = new BidEligibilityPolicy(MIN_STAKE, new CollateralShare(1000));
    private final Job job = aJob().needing(new ResourceSpec(2000, 4096, 1)).withMaxPricePerHour(PRICE)
            .withDurationSeconds(DURATION).open();

    private static BidderStanding staked(BigInteger bonded, BigInteger locked) {
        return new BidderStanding(PROVIDER, bonded, 500, TestNodes.idle(NODE)).lockingCollateral(locked);
    }

    @Test
    void theCollateralIsEscrowsShareOfTheLeaseValueRoundedDownTwiceAsEscrowRoundsIt() {
        assertThat(new CollateralShare(1000).of(PRICE, DURATION)).isEqualTo(COLLATERAL);
        // value = 7 * 1000 / 3600 = 1 (rounded down), then 1 * 9999 / 10000 = 0: not 7 * 1000 * 9999 / 36e6 = 1.
        assertThat(new CollateralShare(9999).of(BigInteger.valueOf(7), 1000)).isZero();
        // value = 3599 * 3601 / 3600 = 3599 (rounded down), then 3599 * 1000 / 10000 = 359.
        assertThat(new CollateralShare(1000).of(BigInteger.valueOf(3599), 3601)).isEqualTo(BigInteger.valueOf(359));
    }

    @Test
    void aFreeStakeExactlyCoveringTheCollateralQualifiesOneUnitLessDoesNot() {
        BigInteger bonded = MIN_STAKE.add(COLLATERAL);
        BigInteger lockedByOthers = MIN_STAKE;

        assertThat(policy.toPlace(job, Set.of(), staked(bonded, lockedByOthers), PRICE, POSTED_AT)).isEmpty();
        assertThat(policy.toPlace(job, Set.of(), staked(bonded, lockedByOthers.add(BigInteger.ONE)), PRICE, POSTED_AT))
                .contains(Ineligibility.INSUFFICIENT_FREE_STAKE);
        assertThat(Ineligibility.INSUFFICIENT_FREE_STAKE.field()).isEqualTo("bondedStake");
        assertThat(Ineligibility.INSUFFICIENT_FREE_STAKE.slug()).isEqualTo("insufficient-free-stake");
    }

    @Test
    void aCheaperBidLocksLessSoTheSameFreeStakeMayCoverIt() {
        BidderStanding halfCovered = staked(MIN_STAKE, MIN_STAKE.subtract(COLLATERAL.divide(BigInteger.TWO)));

        assertThat(policy.toWin(job, Set.of(), halfCovered, PRICE)).contains(Ineligibility.INSUFFICIENT_FREE_STAKE);
        assertThat(policy.toWin(job, Set.of(), halfCovered, PRICE.divide(BigInteger.TWO))).isEmpty();
    }

    @Test
    void aSlashBelowWhatIsLockedLeavesNoFreeStakeAndTheMinimumStakeRuleComesFirst() {
        assertThat(policy.toWin(job, Set.of(), staked(MIN_STAKE, MIN_STAKE.add(TOKEN)), PRICE))
                .contains(Ineligibility.INSUFFICIENT_FREE_STAKE);
        assertThat(policy.toWin(job, Set.of(), staked(MIN_STAKE.subtract(BigInteger.ONE), BigInteger.ZERO), PRICE))
                .contains(Ineligibility.INSUFFICIENT_STAKE);
        assertThat(new BidEligibilityPolicy(MIN_STAKE).toWin(job, Set.of(), staked(MIN_STAKE, MIN_STAKE), PRICE))
                .as("0 basis points lock nothing").isEmpty();
    }

    @Test
    void aQuoteJudgesTheCollateralOfALeaseAtTheMaximumPrice() {
        BidTerms terms = BidTerms.of(CONSUMER, aJob().needing(new ResourceSpec(2000, 4096, 1))
                .withMaxPricePerHour(PRICE).withDurationSeconds(DURATION).spec());

        EligibilitySurvey survey = policy.survey(terms, List.of(staked(MIN_STAKE.add(COLLATERAL), MIN_STAKE),
                staked(MIN_STAKE.add(COLLATERAL), MIN_STAKE.add(BigInteger.ONE)), staked(MIN_STAKE, BigInteger.ZERO)));

        assertThat(survey).isEqualTo(new EligibilitySurvey(2, Map.of(Ineligibility.INSUFFICIENT_FREE_STAKE, 1)));
    }

    @Test
    void aStandingCarriesItsLockedCollateralThroughANodeReservation() {
        BidderStanding standing = staked(MIN_STAKE, BigInteger.ONE).lockingCollateral(COLLATERAL);

        BidderStanding reserved = standing.reserve(standing.nodes().getFirst().nodeId(),
                new ResourceSpec(1000, 1024, 1));

        assertThat(reserved.lockedCollateral()).isEqualTo(COLLATERAL.add(BigInteger.ONE));
        assertThat(reserved.freeStake()).isEqualTo(MIN_STAKE.subtract(COLLATERAL).subtract(BigInteger.ONE));
    }
}
