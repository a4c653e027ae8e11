package com.computemarket.matching.auction.benchmark;

import com.computemarket.matching.providers.model.TestNodes;
import com.computemarket.events.VerificationMode;
import com.computemarket.matching.auction.model.Auction;
import com.computemarket.matching.auction.model.AuctionOutcome;
import com.computemarket.matching.auction.model.AwardRanking;
import com.computemarket.matching.auction.model.Bid;
import com.computemarket.matching.auction.model.BidEligibilityPolicy;
import com.computemarket.matching.auction.model.Offer;
import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.jobs.model.JobSpec;
import com.computemarket.matching.jobs.model.Workload;
import com.computemarket.matching.providers.model.BidderStanding;
import com.computemarket.matching.resources.NodeRequirement;
import com.computemarket.matching.resources.ResourceSpec;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The award engine ({@link Auction#close}) deciding one job with {@value #BIDS} open bids, against two baselines
 * measured in the same run: the eligibility check alone (a floor: every bid must be judged anyway), and eligibility
 * followed by a full sort of the qualified bids (how the engine ranked before it kept only the best
 * {@code replicas} in a bounded heap).
 *
 * <p>One operation = one auction decided = one award; bid evaluations/s = operations/s × {@value #BIDS}. Every
 * operation builds its {@value #BIDS} bids afresh (closing a bid is a one-way state change), in all three
 * benchmarks alike, so the figures include that allocation. Not a test: Surefire never runs it. Run it with
 * {@code ./mvnw -q -o -pl matching-service test-compile exec:exec@award-benchmark}; JMH options (e.g.
 * {@code -i 5 -wi 3}) may follow as {@code -Dbenchmark.args="..."}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class AwardEngineBenchmark {

    static final int BIDS = 1000;

    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    private static final BigInteger MIN_STAKE = TOKEN.multiply(BigInteger.valueOf(100));
    private static final BigInteger MAX_PRICE = TOKEN.multiply(BigInteger.TWO);
    private static final Instant OPENED_AT = Instant.parse("2026-11-26T12:00:00Z");
    private static final String CONSUMER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    /** Leases awarded per job: one, and the most a job may ask for. */
    @Param({"1", "16"})
    public int replicas;

    private final BidEligibilityPolicy eligibility = new BidEligibilityPolicy(MIN_STAKE);
    private final Auction auction = new Auction(eligibility);
    private Job job;
    private BidderStanding[] bidders;
    private BigInteger[] prices;
    private Instant[] placedAt;

    /**
     * A realistic book: about 90% of bids qualify; the others are above the maximum price, lack a fitting node, or
     * lack stake. Scores spread over 0..1000; prices within ±50% of 1.5 tokens/hour; bids over the 30 s window.
     */
    @Setup
    public void openAuctionWithBids() {
        Random random = new Random(20261126L);
        JobSpec spec = new JobSpec(new NodeRequirement(new ResourceSpec(2000, 4096, 1)),
                Workload.oci("ghcr.io/acme/render:1.2", null), 3600, MAX_PRICE, replicas,
                replicas > 1 ? VerificationMode.REDUNDANT : VerificationMode.NONE, 30, 0, null);
        job = Job.post(UUID.randomUUID(), CONSUMER, spec, OPENED_AT, null, spec.fingerprint());
        job.open(1, OPENED_AT);
        bidders = new BidderStanding[BIDS];
        prices = new BigInteger[BIDS];
        placedAt = new Instant[BIDS];
        ResourceSpec fittingNode = new ResourceSpec(8000, 32768, 2);
        ResourceSpec nodeWithoutGpu = new ResourceSpec(8000, 32768, 0);
        for (int index = 0; index < BIDS; index++) {
            int flaw = random.nextInt(100);
            String address = String.format(Locale.ROOT, "0x%040x", random.nextLong() & Long.MAX_VALUE);
            bidders[index] = new BidderStanding(address, flaw < 3 ? BigInteger.ONE : MIN_STAKE, random.nextInt(1001),
                    TestNodes.idle(nodeWithoutGpu, flaw >= 3 && flaw < 6 ? nodeWithoutGpu : fittingNode));
            BigInteger price = TOKEN.multiply(BigInteger.valueOf(750 + random.nextInt(1500)))
                    .divide(BigInteger.valueOf(1000));
            prices[index] = flaw >= 6 && flaw < 10 ? MAX_PRICE.add(price) : price;
            placedAt[index] = OPENED_AT.plusMillis(random.nextInt(30_000));
        }
    }

    private List<Offer> freshOffers() {
        List<Offer> offers = new ArrayList<>(BIDS);
        for (int index = 0; index < BIDS; index++) {
            // The bid id plays no part in an auction: reusing the job id keeps UUID generation out of the figures.
            offers.add(new Offer(Bid.place(job.id(), job.id(), bidders[index].address(), prices[index],
                    placedAt[index]), bidders[index]));
        }
        return offers;
    }

    /** The engine: judge every bid, keep the best {@code replicas}, close every bid with its reason. */
    @Benchmark
    public AuctionOutcome awardEngine() {
        return auction.close(job, Set.of(), freshOffers());
    }

    /** Baseline floor: only the eligibility check of every bid, no ranking and no closing. */
    @Benchmark
    public int eligibilityCheckOnly() {
        int qualified = 0;
        for (Offer offer : freshOffers()) {
            if (eligibility.toWin(job, Set.of(), offer.bidder(), offer.bid().pricePerHour()).isEmpty()) {
                qualified++;
            }
        }
        return qualified;
    }

    /** Baseline: eligibility, then sort every qualified bid and take the first {@code replicas}. */
    @Benchmark
    public List<Offer> eligibilityThenFullSort() {
        List<Offer> qualified = new ArrayList<>(BIDS);
        for (Offer offer : freshOffers()) {
            if (eligibility.toWin(job, Set.of(), offer.bidder(), offer.bid().pricePerHour()).isEmpty()) {
                qualified.add(offer);
            }
        }
        qualified.sort(AwardRanking.bestFirst());
        return List.copyOf(qualified.subList(0, replicas));
    }

    /** Runs the benchmarks above (JMH options may be given as arguments) and prints awards/s and evaluations/s. */
    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(AwardEngineBenchmark.class.getName())
                .build()).run();
        System.out.printf(Locale.ROOT, "%nAward engine, %d open bids per job (JDK %s, %d CPUs)%n", BIDS,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-24s %8s %16s %20s%n", "benchmark", "replicas", "awards/s",
                "bid evaluations/s");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            double perSecond = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            // A single measured iteration has no error estimate (NaN): say so rather than print ± 0.
            String margin = Double.isNaN(error) ? "n/a" : String.format(Locale.ROOT, "%.0f", error);
            System.out.printf(Locale.ROOT, "%-24s %8s %9.0f ± %-5s %20.0f%n",
                    name.substring(name.lastIndexOf('.') + 1), result.getParams().getParam("replicas"),
                    perSecond, margin, perSecond * BIDS);
        }
    }
}
