package com.computemarket.escrow.simulation;

import com.computemarket.escrow.EscrowProperties;
import com.computemarket.escrow.UndoLog;
import com.computemarket.escrow.accounts.application.StakeReceipt;
import com.computemarket.escrow.funding.application.LeaseFundingProperties;
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
import com.computemarket.events.LeaseDowntimeRecorded;
import com.computemarket.events.LeaseFunded;
import com.computemarket.events.LeaseFundingLapsed;
import com.computemarket.events.LeasePaused;
import com.computemarket.events.LeaseResumed;
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
    /*
     * Leases run 1 minute to 24 hours. Time moves up to an hour at a time (every running lease accrues at each
     * step, so shorter steps would multiply the ledger's transfers without testing anything more); steps longer
     * than the accrual interval leave leases short of funds between two meterings, which pauses them too.
     */
    private static final long PREFUND_SECONDS = 900;
    private static final long ACCRUAL_INTERVAL_SECONDS = 900;
    private static final long GRACE_SECONDS = 14_400;
    private static final long LONGEST_TIME_STEP_SECONDS = 3600;

    private final long seed;
    private final int operations;
    private final RandomGenerator random;
    private final List<String> consumers = new ArrayList<>();
    private final List<String> providers = new ArrayList<>();
    private final List<MarketEvent> outbox = new ArrayList<>();
    private int outboxRead;
    private SimulatedEscrow escrow;
    private final SimulatedClock clock = new SimulatedClock(START);

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
    /** Funded leases left to run their whole course before their verdict is sent. */
    private final List<UUID> runningLeases = new ArrayList<>();
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
        LeaseFundingProperties leaseFunding = new LeaseFundingProperties(Duration.ofSeconds(PREFUND_SECONDS),
                Duration.ofSeconds(ACCRUAL_INTERVAL_SECONDS), Duration.ofSeconds(GRACE_SECONDS), 200);
        escrow = SimulatedEscrow.start(outbox, clock, () -> new UUID(idRandom.nextLong(), idRandom.nextLong()),
                properties, leaseFunding, new SimpleMeterRegistry());
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
        } else if (dice >= 41 && dice < 45) {
            bondStake();
        } else if (dice >= 45 && dice < 47 && !runningLeases.isEmpty()) {
            downtime(pick(runningLeases));
        } else if (dice >= 47 && dice < 51 && !handled.isEmpty()) {
            Delivery original = handled.get(random.nextInt(handled.size()));
            inFlight.add(new Delivery(original.eventId(), original.event(), Origin.BROKER_REDELIVERY));
        } else if (dice >= 51 && dice < 55 && !handled.isEmpty()) {
            Delivery original = handled.get(random.nextInt(handled.size()));
            inFlight.add(new Delivery(nextId(), original.event(), Origin.RE_EMISSION));
        } else if (dice >= 55 && dice < 63) {
            timePasses();
        } else if (dice >= 63 && dice < 68) {
            spendEverythingElsewhere(pick(consumers));
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
        // Prices spread over many orders of magnitude, so that some holds exceed what the consumer has; now and
        // then a price of zero, which holds nothing and is rejected.
        BigInteger maxPricePerHour = random.nextInt(50) == 0 ? BigInteger.ZERO
                : BigInteger.valueOf(random.nextLong(1, 10)).multiply(BigInteger.TEN.pow(random.nextInt(4, 22)));
        postJob(pick(consumers), maxPricePerHour, random.nextLong(60, 86_401), random.nextInt(1, 4));
    }

    /**
     * The consumer posts a one-hour job priced at everything it has: once held, nothing is left to top up its
     * running leases with, which is how they come to pause (a withdrawal would do the same).
     */
    private void spendEverythingElsewhere(String consumer) {
        BigInteger available = escrow.ledger.balanceOf(AccountRef.available(consumer));
        if (available.signum() > 0) {
            postJob(consumer, available, 3600, 1);
        }
    }

    private void postJob(String consumer, BigInteger maxPricePerHour, long durationSeconds, int replicas) {
        UUID jobId = nextId();
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
            Instant awardedAt = clock.instant();
            leases.put(leaseId, new SimulatedLease(jobId, provider, price, job.durationSeconds(), awardedAt,
                    initialFunding(price, job.durationSeconds())));
            awardedLeasesAwaitingFunding.add(leaseId);
            send(new LeaseAwarded(leaseId, jobId, job.consumer(), provider, price, job.durationSeconds(),
                    leasesInAward, job.replicas(), VerificationMode.NONE, awardedAt));
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

    /** Time passes, then the metering pass runs as the schedule would: leases accrue, are topped up, pause, resume or lapse. */
    private void timePasses() {
        clock.advance(Duration.ofSeconds(random.nextLong(1, LONGEST_TIME_STEP_SECONDS + 1)));
        if (escrow.meterDueLeases(clock.instant()) > 0) {
            count(Tally.METERING_PASSES);
        }
        runningLeases.removeIf(leaseId -> {
            SimulatedLease lease = leases.get(leaseId);
            boolean ranItsCourse = !lease.awardedAt.plusSeconds(lease.durationSeconds).isAfter(clock.instant());
            if (ranItsCourse) {
                fundedLeasesAwaitingVerdict.add(leaseId);
            }
            return ranItsCourse;
        });
    }

    /** Matching reports a stretch of missed heartbeats, after the lease's previous one, ended by now. */
    private void downtime(UUID leaseId) {
        SimulatedLease lease = leases.get(leaseId);
        long since = Duration.between(lease.lastDowntimeEnd, clock.instant()).toSeconds();
        if (since < 1) {
            return;
        }
        Instant startedAt = lease.lastDowntimeEnd.plusSeconds(random.nextLong(0, since));
        Instant endedAt = startedAt.plusSeconds(random.nextLong(1, Duration.between(startedAt, clock.instant())
                .toSeconds() + 1));
        lease.lastDowntimeEnd = endedAt;
        send(new LeaseDowntimeRecorded(leaseId, lease.jobId, jobs.get(lease.jobId).consumer(), lease.provider,
                startedAt, endedAt));
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
                if (delivery.event() instanceof LeaseDowntimeRecorded downtime) {
                    SimulatedLease lease = leases.get(downtime.leaseId());
                    if (!lease.settled) {
                        lease.downtimeSeconds += lease.secondsWithin(downtime.downtimeStartedAt(),
                                downtime.downtimeEndedAt());
                        count(Tally.DOWNTIME_RECORDED);
                    }
                }
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
                        // Half the leases get their verdict any time, half only once they have run their course.
                        (random.nextBoolean() ? fundedLeasesAwaitingVerdict : runningLeases).add(funded.leaseId());
                    }
                }
                case SettlementRecorded settled -> checkSettlement(settled);
                case LeasePaused paused -> {
                    leases.get(paused.leaseId()).everPaused = true;
                    require(paused.shortfall().signum() > 0, () -> "lease paused with nothing short: " + paused);
                    count(Tally.LEASES_PAUSED);
                }
                case LeaseResumed resumed -> count(Tally.LEASES_RESUMED);
                case LeaseFundingLapsed lapsed -> {
                    require(leases.get(lapsed.leaseId()).lapsed, () -> "lease " + lapsed.leaseId()
                            + " lapsed without its settlement first");
                    count(Tally.LEASES_LAPSED);
                }
                case StakeBonded bonded -> require(
                        bonded.totalBonded().equals(expectedStake.get(bonded.provider())), () ->
                        "StakeBonded says " + bonded.totalBonded() + " in all for " + bonded.provider());
                default -> throw new IllegalStateException("escrow announced an unexpected " + announced);
            }
        }
    }

    /**
     * A settlement on a verdict, or on a lapse (then announced right before its LeaseFundingLapsed). The provider
     * is paid at most the seconds the lease ran less its downtime, at its price; exactly that when the lease never
     * paused and still held more than it owed (money went back to the consumer); the fee is the brief's share of it.
     */
    private void checkSettlement(SettlementRecorded settled) {
        SimulatedLease lease = leases.get(settled.leaseId());
        require(!lease.settled, () -> "lease " + settled.leaseId() + " was settled twice");
        lease.settled = true;
        lease.lapsed = outboxRead < outbox.size() && outbox.get(outboxRead) instanceof LeaseFundingLapsed lapse
                && lapse.leaseId().equals(settled.leaseId());
        require(lease.lapsed || lease.verdictSent, () -> "lease " + settled.leaseId() + " settled without a cause");
        BigInteger due = settled.providerPayout().add(settled.protocolFee());
        if (!lease.lapsed && lease.expectedOutcome == SettlementOutcome.REFUNDED) {
            require(due.signum() == 0 && settled.outcome() == SettlementOutcome.REFUNDED, () -> "refund of lease "
                    + settled.leaseId() + " paid the provider: " + settled);
            count(Tally.LEASES_REFUNDED);
            return;
        }
        long ran = Math.clamp(Duration.between(lease.awardedAt, settled.recordedAt()).toSeconds(), 0,
                lease.durationSeconds);
        BigInteger earned = expectedCost(lease.pricePerHour, Math.max(0, ran - lease.downtimeSeconds));
        require(due.compareTo(earned) <= 0, () -> "lease " + settled.leaseId() + " paid " + due + " but earned only "
                + earned + " in " + ran + " s less " + lease.downtimeSeconds + " s of downtime");
        require(lease.everPaused || settled.consumerRefund().signum() == 0 || due.equals(earned), () -> "lease "
                + settled.leaseId() + " ran without a pause and paid " + due + " instead of " + earned);
        BigInteger fee = due.multiply(BigInteger.valueOf(FEE_BPS)).divide(BigInteger.valueOf(10_000));
        require(settled.protocolFee().equals(fee), () -> "fee of lease " + settled.leaseId() + " is off: " + settled);
        SettlementOutcome expected = lease.lapsed ? SettlementOutcome.LAPSED
                : due.signum() > 0 ? SettlementOutcome.PAID : SettlementOutcome.REFUNDED;
        require(settled.outcome() == expected,
                () -> "lease " + settled.leaseId() + " settled " + settled.outcome() + " paying " + due);
        expectedProtocolFees = expectedProtocolFees.add(fee);
        count(lease.lapsed ? Tally.LEASES_SETTLED_ON_LAPSE : Tally.LEASES_PAID);
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
            BigInteger inLease = escrow.ledger.balanceOf(AccountRef.leaseEscrow(leaseId))
                    .add(escrow.ledger.balanceOf(AccountRef.leaseEarned(leaseId)));
            if (lease.verdictSent || lease.lapsed) {
                require(lease.settled && !status.get().isOpen(), () -> "lease " + leaseId + " was not settled");
                require(inLease.signum() == 0, () -> "settled lease " + leaseId + " still holds " + inLease);
            } else {
                require(status.get().isOpen() && inLease.compareTo(expectedCost(lease.pricePerHour,
                        lease.durationSeconds)) <= 0, () -> "unsettled lease " + leaseId + " holds " + inLease
                        + ", more than its whole run costs");
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

    /** The first prefund period, or the whole lease if that is shorter or a prefund period rounds to nothing. */
    private static BigInteger initialFunding(BigInteger pricePerHour, long durationSeconds) {
        BigInteger prefund = expectedCost(pricePerHour, Math.min(durationSeconds, PREFUND_SECONDS));
        return prefund.signum() > 0 ? prefund : expectedCost(pricePerHour, durationSeconds);
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
        STAKE_REPLAYS, STAKE_KEY_REUSES_REFUSED, STAKES_REFUSED_FOR_FUNDS, RESTARTS, METERING_PASSES,
        DOWNTIME_RECORDED, LEASES_PAUSED, LEASES_RESUMED, LEASES_LAPSED, LEASES_SETTLED_ON_LAPSE
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

    /** A lease as matching and verification know it; {@code escrow} is what its award funds it with. */
    private static final class SimulatedLease {
        private final UUID jobId;
        private final String provider;
        private final BigInteger pricePerHour;
        private final long durationSeconds;
        private final Instant awardedAt;
        private final BigInteger escrow;
        private Instant lastDowntimeEnd;
        /** Seconds of downtime escrow took in before the lease was settled. */
        private long downtimeSeconds;
        private boolean funded;
        private boolean verdictSent;
        private boolean settled;
        private boolean everPaused;
        private boolean lapsed;
        private SettlementOutcome expectedOutcome;

        SimulatedLease(UUID jobId, String provider, BigInteger pricePerHour, long durationSeconds, Instant awardedAt,
                BigInteger escrow) {
            this.jobId = jobId;
            this.provider = provider;
            this.pricePerHour = pricePerHour;
            this.durationSeconds = durationSeconds;
            this.awardedAt = awardedAt;
            this.escrow = escrow;
            this.lastDowntimeEnd = awardedAt;
        }

        long secondsWithin(Instant from, Instant to) {
            Instant start = from.isAfter(awardedAt) ? from : awardedAt;
            Instant end = awardedAt.plusSeconds(durationSeconds);
            Instant stop = to.isBefore(end) ? to : end;
            return stop.isAfter(start) ? Duration.between(start, stop).toSeconds() : 0;
        }
    }

    /** The simulation's time: it moves only when the simulation says so. */
    private static final class SimulatedClock extends Clock {
        private Instant now;

        SimulatedClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("the simulation runs in UTC");
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
