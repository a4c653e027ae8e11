package com.computemarket.escrow.simulation;

import com.computemarket.escrow.EscrowProperties;
import com.computemarket.escrow.UndoLog;
import com.computemarket.escrow.accounts.application.StakeReceipt;
import com.computemarket.escrow.funding.model.LeaseStatus;
import com.computemarket.escrow.ledger.application.InvariantCheck;
import com.computemarket.escrow.ledger.application.LedgerFigures;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.IdempotencyKeyReusedException;
import com.computemarket.escrow.ledger.model.InsufficientFundsException;
import com.computemarket.events.DepositConfirmed;
import com.computemarket.events.FundsHeld;
import com.computemarket.events.FundsHoldRejected;
import com.computemarket.events.JobExpired;
import com.computemarket.events.JobPosted;
import com.computemarket.events.LeaseAwarded;
import com.computemarket.events.LeaseFunded;
import com.computemarket.events.MarketEvent;
import com.computemarket.events.SettlementOutcome;
import com.computemarket.events.SettlementRecorded;
import com.computemarket.events.StakeBonded;
import com.computemarket.events.VerificationMode;
import com.computemarket.events.WorkRejected;
import com.computemarket.events.WorkVerified;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A seeded random market around one escrow-service: deposits, job posts, awards, verdicts and stake bonds, with the
 * broker redelivering events, other services re-emitting them, deliveries arriving in any order, and one restart of
 * escrow half way. After every operation the ledger's invariants are checked and the ledger is compared with what
 * the market expects: the vault mirror with the deposits credited, protocol fees with the fees of the paid leases.
 * Everything random comes from the seed, so a seed replays a run exactly.
 */
final class MarketSimulation {

    /** How often the running audit figures are compared with a full recount from the rows. */
    private static final int RECOUNT_EVERY = 10_000;
    private static final int CONSUMERS = 16;
    private static final int PROVIDERS = 8;
    private static final long CHAIN_ID = 31337;
    private static final int FEE_BPS = 250;
    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");

    private final long seed;
    private final int operations;
    private final RandomGenerator random;
    private final List<String> consumers = new ArrayList<>();
    private final List<String> providers = new ArrayList<>();
    private final List<MarketEvent> outbox = new ArrayList<>();
    private int outboxRead;
    private SimulatedEscrow escrow;

    /** Events on their way to escrow; a delivery picks one at random, so any order can happen. */
    private final List<Delivery> inFlight = new ArrayList<>();
    /** Events escrow handled, for the broker to redeliver and other services to re-emit. */
    private final List<Delivery> handled = new ArrayList<>();
    private final Map<UUID, SimulatedJob> jobs = new HashMap<>();
    private final List<UUID> heldJobs = new ArrayList<>();
    /** Jobs whose award or expiry was sent: once it is applied, nothing may remain held for them. */
    private final Set<UUID> jobsDone = new HashSet<>();
    private final Map<UUID, SimulatedLease> leases = new HashMap<>();
    private final List<UUID> awardedLeasesAwaitingFunding = new ArrayList<>();
    private final List<UUID> fundedLeasesAwaitingVerdict = new ArrayList<>();
    private final Set<String> creditedDepositLogs = new HashSet<>();
    private final Map<String, StakeRequest> lastStakeRequest = new HashMap<>();
    private final Map<String, BigInteger> expectedStake = new HashMap<>();
    private BigInteger expectedDeposits = BigInteger.ZERO;
    private BigInteger expectedProtocolFees = BigInteger.ZERO;
    private final Map<Tally, Integer> tallies = new EnumMap<>(Tally.class);
    private int step;

    MarketSimulation(long seed, int operations) {
        this.seed = seed;
        this.operations = operations;
        SplittableRandom root = new SplittableRandom(seed);
        this.random = root.split();
        SplittableRandom idRandom = root.split();
        for (int i = 0; i < CONSUMERS; i++) {
            consumers.add(address());
        }
        for (int i = 0; i < PROVIDERS; i++) {
            providers.add(address());
        }
        EscrowProperties properties = new EscrowProperties(new EscrowProperties.Fees(FEE_BPS),
                new EscrowProperties.Token("CMT", 18), new EscrowProperties.Invariants(Duration.ofSeconds(30)));
        escrow = SimulatedEscrow.start(outbox, Clock.fixed(START, ZoneOffset.UTC),
                () -> new UUID(idRandom.nextLong(), idRandom.nextLong()), properties, new SimpleMeterRegistry());
    }

    /** Runs every operation, then delivers whatever is still in flight; returns what happened, by kind. */
    Map<Tally, Integer> run() {
        try {
            for (step = 1; step <= operations; step++) {
                if (step == operations / 2) {
                    restart();
                } else {
                    randomOperation();
                }
                readOutbox();
                checkLedger();
                if (step % RECOUNT_EVERY == 0) {
                    checkRunningFiguresAgainstRecount();
                }
            }
            deliverEverythingInFlight();
            checkFinalState();
            return tallies;
        } catch (Throwable failure) {
            throw new AssertionError("Ledger simulation failed at step " + step + " of seed " + seed
                    + " (replay: -Descrow.simulation.seed=" + seed + "): " + failure.getMessage(), failure);
        }
    }

    /** One operation, drawn by weight; one that has nothing to act on yet delivers an event instead. */
    private void randomOperation() {
        int dice = random.nextInt(100);
        if (dice < 8) {
            deposit();
        } else if (dice < 18) {
            postJob();
        } else if (dice < 26 && !heldJobs.isEmpty()) {
            award();
        } else if (dice < 29 && !heldJobs.isEmpty()) {
            expire();
        } else if (dice < 39 && !fundedLeasesAwaitingVerdict.isEmpty()) {
            verdict(take(fundedLeasesAwaitingVerdict));
        } else if (dice < 41 && !awardedLeasesAwaitingFunding.isEmpty()) {
            UUID leaseId = take(awardedLeasesAwaitingFunding);
            // Leases leave this list lazily (here, once funded), which keeps the funding announcement O(1).
            if (!leases.get(leaseId).funded) {
                // The verdict overtakes the lease's award: escrow must refuse it until the lease is funded.
                verdict(leaseId);
                count(Tally.VERDICTS_SENT_BEFORE_FUNDING);
            }
        } else if (dice >= 41 && dice < 47) {
            bondStake();
        } else if (dice >= 47 && dice < 51 && !handled.isEmpty()) {
            Delivery original = handled.get(random.nextInt(handled.size()));
            inFlight.add(new Delivery(original.eventId(), original.event(), Origin.BROKER_REDELIVERY));
        } else if (dice >= 51 && dice < 55 && !handled.isEmpty()) {
            Delivery original = handled.get(random.nextInt(handled.size()));
            inFlight.add(new Delivery(nextId(), original.event(), Origin.RE_EMISSION));
        } else if (!inFlight.isEmpty()) {
            deliver(take(inFlight));
        } else {
            deposit();
        }
    }

    private void deposit() {
        String account = random.nextBoolean() ? pick(consumers) : pick(providers);
        BigInteger amount = BigInteger.valueOf(random.nextLong(1, 10_000)).multiply(BigInteger.TEN.pow(18));
        send(new DepositConfirmed(CHAIN_ID, "0x" + hex(32), random.nextInt(4), step, account,
                "0x5FbDB2315678afecb367f032d93F642f64180aa3", amount));
    }

    private void postJob() {
        UUID jobId = nextId();
        String consumer = pick(consumers);
        // Prices spread over many orders of magnitude, so that some holds exceed what the consumer has; now and
        // then a price of zero, which holds nothing and is rejected.
        BigInteger maxPricePerHour = random.nextInt(50) == 0 ? BigInteger.ZERO
                : BigInteger.valueOf(random.nextLong(1, 10)).multiply(BigInteger.TEN.pow(random.nextInt(4, 22)));
        long durationSeconds = random.nextLong(60, 86_401);
        int replicas = random.nextInt(1, 4);
        jobs.put(jobId, new SimulatedJob(consumer, maxPricePerHour, durationSeconds, replicas));
        send(new JobPosted(jobId, consumer, maxPricePerHour, durationSeconds, replicas, VerificationMode.NONE));
    }

    private void award() {
        UUID jobId = take(heldJobs);
        jobsDone.add(jobId);
        SimulatedJob job = jobs.get(jobId);
        int leasesInAward = random.nextInt(1, job.replicas() + 1);
        List<String> winners = new ArrayList<>(providers);
        for (int i = 0; i < leasesInAward; i++) {
            String provider = winners.remove(random.nextInt(winners.size()));
            // A price at or below the job's maximum whose cost is at least one base unit, as matching awards.
            long minimumPrice = Math.ceilDiv(3600, job.durationSeconds());
            BigInteger spread = job.maxPricePerHour().subtract(BigInteger.valueOf(minimumPrice));
            BigInteger price = BigInteger.valueOf(minimumPrice)
                    .add(spread.multiply(BigInteger.valueOf(random.nextInt(1001))).divide(BigInteger.valueOf(1000)));
            UUID leaseId = nextId();
            leases.put(leaseId, new SimulatedLease(jobId, provider, expectedCost(price, job.durationSeconds())));
            awardedLeasesAwaitingFunding.add(leaseId);
            send(new LeaseAwarded(leaseId, jobId, job.consumer(), provider, price, job.durationSeconds(),
                    leasesInAward, job.replicas(), VerificationMode.NONE, START));
        }
    }

    private void expire() {
        UUID jobId = take(heldJobs);
        jobsDone.add(jobId);
        send(new JobExpired(jobId, jobs.get(jobId).consumer(), Map.of("NO_BIDS", 1)));
    }

    private void verdict(UUID leaseId) {
        SimulatedLease lease = leases.get(leaseId);
        lease.verdictSent = true;
        if (random.nextInt(10) < 7) {
            lease.expectedOutcome = SettlementOutcome.PAID;
            send(new WorkVerified(leaseId, lease.jobId, lease.provider, "0x" + hex(32)));
        } else {
            lease.expectedOutcome = SettlementOutcome.REFUNDED;
            send(new WorkRejected(leaseId, lease.jobId, lease.provider, "OUTVOTED", "0x" + hex(32)));
        }
    }

    /** A REST call: bond stake, sometimes repeating an earlier Idempotency-Key with the same or another amount. */
    private void bondStake() {
        String provider = pick(providers);
        BigInteger available = escrow.ledger.balanceOf(AccountRef.available(provider));
        StakeRequest previous = lastStakeRequest.get(provider);
        int dice = random.nextInt(20);
        if (previous != null && dice < 3) {
            StakeReceipt replayed = escrow.inTransaction(() -> escrow.stakes.bond(provider, previous.amount(),
                    Optional.of(previous.key())));
            require(replayed.equals(previous.receipt()), () -> "a replayed stake request answered " + replayed
                    + " instead of " + previous.receipt());
            count(Tally.STAKE_REPLAYS);
            return;
        }
        if (previous != null && dice < 4) {
            BigInteger otherAmount = previous.amount().add(BigInteger.ONE);
            requireRefused(IdempotencyKeyReusedException.class, () -> escrow.inTransaction(
                    () -> escrow.stakes.bond(provider, otherAmount, Optional.of(previous.key()))));
            count(Tally.STAKE_KEY_REUSES_REFUSED);
            return;
        }
        BigInteger amount = BigInteger.ONE.add(randomBelow(available.add(available.divide(BigInteger.valueOf(5)))));
        String key = "key-" + nextId();
        if (amount.compareTo(available) > 0) {
            requireRefused(InsufficientFundsException.class, () -> escrow.inTransaction(
                    () -> escrow.stakes.bond(provider, amount, Optional.of(key))));
            count(Tally.STAKES_REFUSED_FOR_FUNDS);
            return;
        }
        StakeReceipt receipt = escrow.inTransaction(() -> escrow.stakes.bond(provider, amount, Optional.of(key)));
        BigInteger bonded = expectedStake.merge(provider, amount, BigInteger::add);
        require(receipt.totalBonded().equals(bonded), () -> "stake receipt says " + receipt.totalBonded()
                + " bonded, the market counted " + bonded);
        lastStakeRequest.put(provider, new StakeRequest(key, amount, receipt));
        count(Tally.STAKES_BONDED);
    }

    private void restart() {
        LedgerFigures before = escrow.ledgerStore().figures();
        escrow = escrow.restart();
        LedgerFigures after = escrow.ledgerStore().figures();
        require(before.equals(after),
                () -> "the ledger read back after the restart differs: " + before + " vs " + after);
        count(Tally.RESTARTS);
    }

    private void deliver(Delivery delivery) {
        int transfersBefore = escrow.ledgerStore().transferCount();
        switch (delivery.origin()) {
            case BROKER_REDELIVERY -> {
                require(!escrow.handleOnce(delivery.eventId(), delivery.event()), () ->
                        "a redelivered event was handled again: " + delivery.event());
                requireNoMoneyMoved(transfersBefore, delivery);
                count(Tally.REDELIVERIES_IGNORED);
            }
            case RE_EMISSION -> {
                try {
                    escrow.handleOnce(delivery.eventId(), delivery.event());
                    count(Tally.RE_EMISSIONS_NO_OP);
                } catch (RuntimeException refused) {
                    count(Tally.RE_EMISSIONS_REFUSED);
                }
                requireNoMoneyMoved(transfersBefore, delivery);
            }
            case MARKET -> {
                try {
                    escrow.handleOnce(delivery.eventId(), delivery.event());
                } catch (RuntimeException notYet) {
                    // Arrived before what it depends on (a verdict before its lease's funding): escrow refused it
                    // and changed nothing; the broker retries it later.
                    requireNoMoneyMoved(transfersBefore, delivery);
                    inFlight.add(delivery);
                    count(Tally.DEFERRED_OUT_OF_ORDER);
                    return;
                }
                handled.add(delivery);
                if (delivery.event() instanceof DepositConfirmed deposit
                        && creditedDepositLogs.add(deposit.txHash() + ":" + deposit.logIndex())) {
                    expectedDeposits = expectedDeposits.add(deposit.amount());
                }
                count(Tally.EVENTS_APPLIED);
            }
        }
    }

    /** What escrow announced, read the way matching and chain-indexer read it. */
    private void readOutbox() {
        while (outboxRead < outbox.size()) {
            MarketEvent announced = outbox.get(outboxRead++);
            switch (announced) {
                case FundsHeld held -> heldJobs.add(held.jobId());
                case FundsHoldRejected rejected -> count(Tally.HOLDS_REJECTED);
                case LeaseFunded funded -> {
                    SimulatedLease lease = leases.get(funded.leaseId());
                    require(funded.amount().equals(lease.escrow), () -> "lease " + funded.leaseId() + " funded with "
                            + funded.amount() + ", its award costs " + lease.escrow);
                    lease.funded = true;
                    if (!lease.verdictSent) {
                        fundedLeasesAwaitingVerdict.add(funded.leaseId());
                    }
                }
                case SettlementRecorded settled -> checkSettlement(settled);
                case StakeBonded bonded -> require(
                        bonded.totalBonded().equals(expectedStake.get(bonded.provider())), () ->
                        "StakeBonded says " + bonded.totalBonded() + " in all for " + bonded.provider());
                default -> throw new IllegalStateException("escrow announced an unexpected " + announced);
            }
        }
    }

    private void checkSettlement(SettlementRecorded settled) {
        SimulatedLease lease = leases.get(settled.leaseId());
        require(!lease.settled, () -> "lease " + settled.leaseId() + " was settled twice");
        require(settled.outcome() == lease.expectedOutcome, () -> "lease " + settled.leaseId() + " settled "
                + settled.outcome() + " but its verdict asked for " + lease.expectedOutcome);
        lease.settled = true;
        BigInteger fee = lease.escrow.multiply(BigInteger.valueOf(FEE_BPS)).divide(BigInteger.valueOf(10_000));
        if (settled.outcome() == SettlementOutcome.PAID) {
            require(settled.protocolFee().equals(fee) && settled.providerPayout().equals(lease.escrow.subtract(fee))
                    && settled.consumerRefund().signum() == 0, () -> "payout of lease " + settled.leaseId()
                    + " is off: " + settled + ", escrow " + lease.escrow);
            expectedProtocolFees = expectedProtocolFees.add(fee);
        } else {
            require(settled.consumerRefund().equals(lease.escrow) && settled.providerPayout().signum() == 0
                    && settled.protocolFee().signum() == 0, () -> "refund of lease " + settled.leaseId() + " is off: "
                    + settled + ", escrow " + lease.escrow);
        }
        count(settled.outcome() == SettlementOutcome.PAID ? Tally.LEASES_PAID : Tally.LEASES_REFUNDED);
    }

    /** Every invariant, plus the market's own count of deposits and fees, after every operation. */
    private void checkLedger() {
        InvariantCheck check = escrow.invariants.check();
        require(check.passed(), () -> "ledger invariants violated: " + check.violations());
        BigInteger vaultMirror = escrow.ledger.balanceOf(AccountRef.vaultMirror());
        require(vaultMirror.equals(expectedDeposits.negate()), () -> "the vault mirror is " + vaultMirror
                + " but " + expectedDeposits + " was deposited");
        require(check.figures().nonVaultBalanceTotal().equals(expectedDeposits), () -> "accounts hold "
                + check.figures().nonVaultBalanceTotal() + " but " + expectedDeposits + " was deposited");
        BigInteger fees = escrow.ledger.balanceOf(AccountRef.protocolFees());
        require(fees.equals(expectedProtocolFees), () -> "protocol fees are " + fees + ", the paid leases owe "
                + expectedProtocolFees);
    }

    private void checkRunningFiguresAgainstRecount() {
        LedgerFigures running = escrow.ledgerStore().figures();
        LedgerFigures recounted = escrow.ledgerStore().reopen(new UndoLog()).figures();
        require(running.equals(recounted), () -> "running audit figures " + running + " differ from a recount "
                + recounted);
    }

    /** The broker keeps retrying until nothing is left; an event that never applies is stuck, not deferred. */
    private void deliverEverythingInFlight() {
        while (!inFlight.isEmpty()) {
            int before = inFlight.size();
            List<Delivery> round = new ArrayList<>(inFlight);
            inFlight.clear();
            for (Delivery delivery : round) {
                deliver(delivery);
                readOutbox();
                checkLedger();
                step++;
            }
            require(inFlight.size() < before, () -> "events never apply: " + inFlight);
        }
    }

    private void checkFinalState() {
        checkRunningFiguresAgainstRecount();
        jobsDone.forEach(jobId -> require(escrow.ledger.balanceOf(AccountRef.held(jobId)).signum() == 0, () ->
                "job " + jobId + " was awarded or expired but still holds money"));
        expectedStake.forEach((provider, stake) -> require(
                escrow.ledger.balanceOf(AccountRef.stake(provider)).equals(stake), () -> "stake of " + provider));
        leases.forEach((leaseId, lease) -> {
            Optional<LeaseStatus> status = escrow.fundingStore().leaseStatus(leaseId);
            require(status.isPresent(), () -> "lease " + leaseId + " was never funded");
            if (lease.verdictSent) {
                require(lease.settled && status.get() != LeaseStatus.FUNDED,
                        () -> "lease " + leaseId + " was not settled");
                require(escrow.ledger.balanceOf(AccountRef.leaseEscrow(leaseId)).signum() == 0, () ->
                        "settled lease " + leaseId + " still holds escrow");
            } else {
                require(escrow.ledger.balanceOf(AccountRef.leaseEscrow(leaseId)).equals(lease.escrow), () ->
                        "unsettled lease " + leaseId + " does not hold its escrow");
            }
        });
    }

    /**
     * The brief's pricing rule, written out here rather than taken from {@code LeasePricing} or {@code ProtocolFee},
     * so that a mistake there shows up as a difference instead of being repeated by the simulation.
     */
    private static BigInteger expectedCost(BigInteger pricePerHour, long seconds) {
        return pricePerHour.multiply(BigInteger.valueOf(seconds)).divide(BigInteger.valueOf(3600));
    }

    private void send(MarketEvent event) {
        inFlight.add(new Delivery(nextId(), event, Origin.MARKET));
    }

    private void requireNoMoneyMoved(int transfersBefore, Delivery delivery) {
        require(escrow.ledgerStore().transferCount() == transfersBefore, () ->
                "money moved for " + delivery.origin() + " " + delivery.event());
    }

    private static void requireRefused(Class<? extends RuntimeException> expected, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException refused) {
            require(expected.isInstance(refused), () -> "expected " + expected.getSimpleName() + " but got " + refused);
            return;
        }
        throw new AssertionError("expected " + expected.getSimpleName() + " but the call succeeded");
    }

    /** The message is built only on failure: building it on every one of the checks would dominate the run. */
    private static void require(boolean condition, Supplier<String> failure) {
        if (!condition) {
            throw new AssertionError(failure.get());
        }
    }

    private void count(Tally tally) {
        tallies.merge(tally, 1, Integer::sum);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** Removes and returns a random element (order does not matter in these lists). */
    private <T> T take(List<T> list) {
        int index = random.nextInt(list.size());
        T last = list.removeLast();
        if (index == list.size()) {
            return last;
        }
        return list.set(index, last);
    }

    private BigInteger randomBelow(BigInteger bound) {
        if (bound.signum() <= 0) {
            return BigInteger.ZERO;
        }
        return new BigInteger(bound.bitLength() + 8, new RandomBits(random)).mod(bound);
    }

    private UUID nextId() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private String address() {
        return "0x" + hex(20);
    }

    private String hex(int bytes) {
        byte[] random = new byte[bytes];
        this.random.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** What happened during a run, for the summary line and for checking that the run exercised every path. */
    enum Tally {
        EVENTS_APPLIED, DEFERRED_OUT_OF_ORDER, VERDICTS_SENT_BEFORE_FUNDING, REDELIVERIES_IGNORED,
        RE_EMISSIONS_NO_OP, RE_EMISSIONS_REFUSED, HOLDS_REJECTED, LEASES_PAID, LEASES_REFUNDED, STAKES_BONDED,
        STAKE_REPLAYS, STAKE_KEY_REUSES_REFUSED, STAKES_REFUSED_FOR_FUNDS, RESTARTS
    }

    private enum Origin {
        /** A new event from another service. */
        MARKET,
        /** The broker delivering an event again (same event id). */
        BROKER_REDELIVERY,
        /** Another service emitting the same fact again under a new event id. */
        RE_EMISSION
    }

    private record Delivery(UUID eventId, MarketEvent event, Origin origin) {
    }

    private record SimulatedJob(String consumer, BigInteger maxPricePerHour, long durationSeconds, int replicas) {
    }

    private record StakeRequest(String key, BigInteger amount, StakeReceipt receipt) {
    }

    /** A lease as matching and verification know it; {@code escrow} is what its award costs. */
    private static final class SimulatedLease {
        private final UUID jobId;
        private final String provider;
        private final BigInteger escrow;
        private boolean funded;
        private boolean verdictSent;
        private boolean settled;
        private SettlementOutcome expectedOutcome;

        SimulatedLease(UUID jobId, String provider, BigInteger escrow) {
            this.jobId = jobId;
            this.provider = provider;
            this.escrow = escrow;
        }
    }

    /** Feeds the seeded generator to {@link BigInteger}'s random constructor. */
    private static final class RandomBits extends java.util.Random {
        private final RandomGenerator source;

        RandomBits(RandomGenerator source) {
            this.source = source;
        }

        @Override
        protected int next(int bits) {
            return source.nextInt() >>> (32 - bits);
        }
    }
}
