package com.computemarket.matching.auction.model;

import com.computemarket.matching.providers.model.TestNodes;
import static com.computemarket.matching.jobs.model.TestJobs.CONSUMER;
import static com.computemarket.matching.jobs.model.TestJobs.POSTED_AT;
import static com.computemarket.matching.jobs.model.TestJobs.TOKEN;
import static com.computemarket.matching.jobs.model.TestJobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.computemarket.events.VerificationMode;
import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.providers.model.BidderStanding;
import com.computemarket.matching.providers.model.CollateralShare;
import com.computemarket.matching.resources.ResourceSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * The award engine against random markets: random jobs, and providers with random stake, reputation, nodes, prices
 * and bid times. Values are drawn from small sets on purpose, so that equal effective prices, equal bid times,
 * stakes one unit either side of the minimum and nodes one unit short are common rather than rare.
 *
 * <p>The expected outcome comes from {@link #oracle}, written from the documented rules and independently of
 * {@link AwardRanking}: it puts every effective price over one common denominator and sorts the whole list, where
 * the engine cross-multiplies pairs and keeps a bounded heap.
 */
class AuctionPropertyTest {

    private static final int TRIES = 300;
    // Edge cases are off (EdgeCasesMode.NONE): the generators below already put the boundaries in on purpose, and
    // jqwik's mixed-in edge cases (every bidder with zero stake or no node) crowded out markets anyone could win:
    // measured with jqwik statistics, about 1 try in 3 awarded with them, 7 in 10 without.
    private static final BigInteger MIN_STAKE = TOKEN.multiply(BigInteger.valueOf(100));
    // 1%: a lease's collateral stays below the minimum stake, so the free-stake rule fails only where a bidder's
    // other leases lock its stake (lockedCollateral), and the markets keep awarding as often as before the rule.
    private static final int COLLATERAL_BPS = 100;

    private final Auction auction = new Auction(new BidEligibilityPolicy(MIN_STAKE,
            new CollateralShare(COLLATERAL_BPS)));

    /**
     * A provider's bid, as plain data: each try builds fresh (mutable) bids from it. {@code lockedCollateral} is
     * what its other leases lock of its stake.
     */
    record Bidder(String address, BigInteger stake, int score, List<ResourceSpec> nodes, BigInteger price,
            int placedAfterSeconds, BigInteger lockedCollateral) {
    }

    record Market(ResourceSpec needed, BigInteger maxPricePerHour, int replicas, int minReputation,
            List<Bidder> bidders) {

        Job job() {
            return aJob().needing(needed).withMaxPricePerHour(maxPricePerHour).withMinReputation(minReputation)
                    .withReplicas(replicas, replicas > 1 ? VerificationMode.REDUNDANT : VerificationMode.NONE)
                    .open();
        }

        List<Offer> offers() {
            return bidders.stream().map(bidder -> new Offer(
                    Bid.place(UUID.randomUUID(), UUID.randomUUID(), bidder.address(), bidder.price(),
                            POSTED_AT.plusSeconds(bidder.placedAfterSeconds())),
                    new BidderStanding(bidder.address(), bidder.stake(), bidder.score(), TestNodes.idle(bidder.nodes()),
                            bidder.lockedCollateral())))
                    .toList();
        }
    }

    @Provide
    Arbitrary<Market> markets() {
        Arbitrary<ResourceSpec> needed = resources(Arbitraries.of(1000, 2000, 4000), Arbitraries.of(2048L, 4096L),
                Arbitraries.of(0, 0, 1, 2));
        // Prices in whole tokens half the time: the engine must be exact far beyond long and double precision.
        Arbitrary<BigInteger> scale = Arbitraries.of(BigInteger.ONE, TOKEN);
        Arbitrary<Integer> replicas = Arbitraries.integers().between(1, 5);
        return Combinators.combine(needed, Arbitraries.longs().between(50, 1000), scale, replicas,
                        bidderCounts(), Arbitraries.of(true, false, false, false), Arbitraries.of(0, 0, 0, 250, 500))
                .flatAs((resources, maxPrice, unit, replicaCount, bidderCount, consumerBids, minReputation) ->
                        bidders(bidderCount, maxPrice, unit, consumerBids).map(bidders -> new Market(resources,
                                BigInteger.valueOf(maxPrice).multiply(unit), replicaCount, minReputation,
                                bidders)));
    }

    /** Now and then nobody bids; otherwise 1 to 40 bidders, evenly spread (jqwik would favour small counts). */
    private static Arbitrary<Integer> bidderCounts() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(19, Arbitraries.integers().between(1, 40).withDistribution(RandomDistribution.uniform())));
    }

    private static Arbitrary<ResourceSpec> resources(Arbitrary<Integer> cpu, Arbitrary<Long> memory,
            Arbitrary<Integer> gpus) {
        return Combinators.combine(cpu, memory, gpus).as(ResourceSpec::new);
    }

    private static Arbitrary<List<Bidder>> bidders(int count, long maxPrice, BigInteger unit, boolean consumerBids) {
        // Nodes exactly at, or one unit below, the sizes jobs ask for; big enough nodes are the most common.
        Arbitrary<ResourceSpec> node = resources(Arbitraries.of(999, 1000, 2000, 3999, 4000, 8000, 8000, 8000),
                Arbitraries.of(2047L, 2048L, 4096L, 8192L, 8192L), Arbitraries.of(0, 1, 2, 4, 4));
        Arbitrary<List<ResourceSpec>> nodes = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.<ResourceSpec>of())),
                Tuple.of(9, node.list().ofMinSize(1).ofMaxSize(3)));
        Arbitrary<BigInteger> stake = Arbitraries.frequency(Tuple.of(1, BigInteger.ZERO),
                Tuple.of(1, MIN_STAKE.subtract(BigInteger.ONE)), Tuple.of(4, MIN_STAKE),
                Tuple.of(2, MIN_STAKE.add(BigInteger.ONE)), Tuple.of(2, MIN_STAKE.multiply(BigInteger.TEN)));
        Arbitrary<Integer> score = Arbitraries.oneOf(Arbitraries.of(0, 250, 500, 1000),
                Arbitraries.integers().between(0, 1000));
        // Up to 30% above the maximum, from a narrow range so that equal prices are common.
        Arbitrary<BigInteger> price = Arbitraries.longs().between(Math.max(1, maxPrice / 2), maxPrice * 13 / 10)
                .map(value -> BigInteger.valueOf(value).multiply(unit));
        // Usually nothing locked; otherwise the free stake is one unit short of this bid's collateral, exactly it, or
        // one unit more (the locked amount is clamped at zero when the stake is smaller than that).
        Arbitrary<Optional<Integer>> freeStakeMargin = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(Optional.<Integer>empty())),
                Tuple.of(4, Arbitraries.of(-1, 0, 1).map(Optional::of)));
        Arbitrary<Bidder> anyBidder = Combinators.combine(stake, score, nodes, price,
                        Arbitraries.integers().between(0, 3), freeStakeMargin)
                .as((bidderStake, bidderScore, bidderNodes, bidPrice, seconds, margin) ->
                        new Bidder("", bidderStake, bidderScore, bidderNodes, bidPrice, seconds,
                                margin.map(free -> bidderStake.subtract(collateral(bidPrice)
                                        .add(BigInteger.valueOf(free))).max(BigInteger.ZERO))
                                        .orElse(BigInteger.ZERO)));
        return anyBidder.list().ofSize(count).map(list -> IntStream.range(0, list.size())
                .mapToObj(index -> withAddress(list.get(index), index == 0 && consumerBids ? CONSUMER
                        : address(index)))
                .toList());
    }

    /** Distinct addresses whose order differs from their index order, some in upper case. */
    private static String address(int index) {
        String hex = String.format(Locale.ROOT, "%040x", (index * 7919L) % 1009 + 1);
        return "0x" + (index % 2 == 0 ? hex : hex.toUpperCase(Locale.ROOT));
    }

    private static Bidder withAddress(Bidder bidder, String address) {
        return new Bidder(address, bidder.stake(), bidder.score(), bidder.nodes(), bidder.price(),
                bidder.placedAfterSeconds(), bidder.lockedCollateral());
    }

    /**
     * What escrow locks for a lease at this price over the test jobs' duration (one hour): the lease's value
     * {@code price × 3600 / 3600} rounded down, then {@code COLLATERAL_BPS} of it rounded down.
     */
    private static BigInteger collateral(BigInteger pricePerHour) {
        BigInteger value = pricePerHour.multiply(BigInteger.valueOf(3600)).divide(BigInteger.valueOf(3600));
        return value.multiply(BigInteger.valueOf(COLLATERAL_BPS)).divide(BigInteger.valueOf(10_000));
    }

    // --- the oracle: the documented rules, written out without the engine's code ---

    /**
     * The first documented rule a bidder fails: own job, price above max, no fitting node, stake below minimum, free
     * stake (bonded minus locked, at least zero) below this lease's collateral, reputation below the job's minimum.
     */
    private static Optional<String> firstFailedRule(Market market, Bidder bidder) {
        if (bidder.address().equalsIgnoreCase(CONSUMER)) {
            return Optional.of("OWN_JOB");
        }
        if (bidder.price().compareTo(market.maxPricePerHour()) > 0) {
            return Optional.of("PRICE_ABOVE_MAX");
        }
        boolean fits = bidder.nodes().stream().anyMatch(node -> node.cpuMillicores() >= market.needed().cpuMillicores()
                && node.memoryMb() >= market.needed().memoryMb() && node.gpuCount() >= market.needed().gpuCount());
        if (!fits) {
            return Optional.of("NO_FITTING_NODE");
        }
        if (bidder.stake().compareTo(MIN_STAKE) < 0) {
            return Optional.of("INSUFFICIENT_STAKE");
        }
        if (bidder.stake().subtract(bidder.lockedCollateral()).max(BigInteger.ZERO)
                .compareTo(collateral(bidder.price())) < 0) {
            return Optional.of("INSUFFICIENT_FREE_STAKE");
        }
        if (bidder.score() < market.minReputation()) {
            return Optional.of("REPUTATION_BELOW_MINIMUM");
        }
        return Optional.empty();
    }

    private static List<Bidder> qualified(Market market) {
        return market.bidders().stream().filter(bidder -> firstFailedRule(market, bidder).isEmpty()).toList();
    }

    /**
     * Every qualified bidder, best first. Effective price = price × 1000 / (500 + score); over the common
     * denominator D = lcm(500 + score) the numerators price × 1000 × D / (500 + score) are exact integers, ordered
     * like the effective prices. Ties: earlier bid, then lower address ignoring case.
     */
    private static List<Bidder> oracle(Market market) {
        List<Bidder> qualified = qualified(market);
        BigInteger commonDenominator = qualified.stream().map(bidder -> BigInteger.valueOf(500 + bidder.score()))
                .reduce(BigInteger.ONE, (a, b) -> a.multiply(b).divide(a.gcd(b)));
        Map<Bidder, BigInteger> scaledEffectivePrice = new HashMap<>();
        qualified.forEach(bidder -> scaledEffectivePrice.put(bidder, bidder.price().multiply(BigInteger.valueOf(1000))
                .multiply(commonDenominator).divide(BigInteger.valueOf(500 + bidder.score()))));
        List<Bidder> ranked = new ArrayList<>(qualified);
        ranked.sort(Comparator.comparing((Bidder bidder) -> scaledEffectivePrice.get(bidder))
                .thenComparingInt(Bidder::placedAfterSeconds)
                .thenComparing(bidder -> bidder.address().toLowerCase(Locale.ROOT)));
        return ranked;
    }

    private static List<String> addresses(List<?> bidsOrBidders) {
        return bidsOrBidders.stream().map(item -> switch (item) {
            case Offer offer -> offer.bid().provider();
            case Bidder bidder -> bidder.address();
            default -> throw new IllegalArgumentException(item.toString());
        }).toList();
    }

    // --- properties ---

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void awardsExactlyTheBestReplicasOrExpiresWhenTooFewQualify(@ForAll("markets") Market market) {
        List<Bidder> ranked = oracle(market);

        AuctionOutcome outcome = auction.close(market.job(), Set.of(), market.offers());

        if (ranked.size() >= market.replicas()) {
            assertThat(outcome).isInstanceOfSatisfying(AuctionOutcome.Awarded.class, awarded ->
                    assertThat(addresses(awarded.winners()))
                            .containsExactlyElementsOf(addresses(ranked.subList(0, market.replicas()))));
        } else {
            Map<String, Integer> expectedReasons = new HashMap<>();
            market.bidders().forEach(bidder -> firstFailedRule(market, bidder)
                    .ifPresent(rule -> expectedReasons.merge(rule, 1, Integer::sum)));
            if (market.bidders().isEmpty()) {
                expectedReasons.put("NO_BIDS", 1);
            }
            if (!ranked.isEmpty()) {
                expectedReasons.put("TOO_FEW_QUALIFIED_BIDS", ranked.size());
            }
            assertThat(outcome).isEqualTo(new AuctionOutcome.Expired(expectedReasons));
        }
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void neverAwardsAboveTheMaxPriceNorAnIneligibleProviderNorOneProviderTwice(@ForAll("markets") Market market) {
        Job job = market.job();

        if (auction.close(job, Set.of(), market.offers()) instanceof AuctionOutcome.Awarded awarded) {
            assertThat(awarded.winners()).hasSize(job.replicas());
            assertThat(awarded.winners()).allSatisfy(winner -> {
                assertThat(winner.bid().pricePerHour()).isLessThanOrEqualTo(job.maxPricePerHour());
                assertThat(winner.bid().provider()).isNotEqualToIgnoringCase(job.consumer());
                assertThat(winner.bidder().bondedStake()).isGreaterThanOrEqualTo(MIN_STAKE);
                assertThat(winner.bidder().freeStake().max(BigInteger.ZERO))
                        .isGreaterThanOrEqualTo(collateral(winner.bid().pricePerHour()));
                assertThat(winner.bidder().nodes()).anyMatch(node -> node.capacity().covers(job.resources()));
                assertThat(winner.bidder().reputationScore()).isGreaterThanOrEqualTo(job.minReputation());
            });
            assertThat(new HashSet<>(addresses(awarded.winners()).stream()
                    .map(address -> address.toLowerCase(Locale.ROOT)).toList())).hasSize(job.replicas());
        }
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void closesEveryBidWithItsReason(@ForAll("markets") Market market) {
        List<Offer> offers = market.offers();
        List<Bidder> ranked = oracle(market);
        boolean awarded = ranked.size() >= market.replicas();
        List<String> winners = awarded ? addresses(ranked.subList(0, market.replicas())) : List.of();

        auction.close(market.job(), Set.of(), offers);

        for (int index = 0; index < offers.size(); index++) {
            Bid bid = offers.get(index).bid();
            Optional<String> failedRule = firstFailedRule(market, market.bidders().get(index));
            if (winners.contains(bid.provider())) {
                assertThat(bid.status()).isEqualTo(BidStatus.WON);
                assertThat(bid.closeReason()).isNull();
            } else {
                assertThat(bid.status()).isEqualTo(BidStatus.LOST);
                assertThat(bid.closeReason()).isEqualTo(failedRule.map(rule -> "INELIGIBLE:" + rule)
                        .orElse(awarded ? Bid.OUTBID : Bid.JOB_EXPIRED));
            }
        }
    }

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void theOrderBidsArriveInDoesNotChangeTheWinners(@ForAll("markets") Market market, @ForAll Random random) {
        List<Offer> shuffled = new ArrayList<>(market.offers());
        Collections.shuffle(shuffled, random);

        AuctionOutcome inBidOrder = auction.close(market.job(), Set.of(), market.offers());
        AuctionOutcome inShuffledOrder = auction.close(market.job(), Set.of(), shuffled);

        if (inBidOrder instanceof AuctionOutcome.Awarded first) {
            assertThat(inShuffledOrder).isInstanceOfSatisfying(AuctionOutcome.Awarded.class, second ->
                    assertThat(addresses(second.winners())).containsExactlyElementsOf(addresses(first.winners())));
        } else {
            assertThat(inShuffledOrder).isEqualTo(inBidOrder);
        }
    }
}
