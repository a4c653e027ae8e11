package com.computemarket.escrow.simulation;

import com.computemarket.escrow.ChainProperties;
import com.computemarket.escrow.EscrowProperties;
import com.computemarket.escrow.UndoLog;
import com.computemarket.escrow.accounts.application.StakeReceipt;
import com.computemarket.escrow.funding.application.LeaseFundingProperties;
import com.computemarket.escrow.funding.model.LeaseStatus;
import com.computemarket.escrow.ledger.application.InvariantCheck;
import com.computemarket.escrow.ledger.application.LedgerFigures;
import com.computemarket.escrow.ledger.model.AccountPurpose;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.IdempotencyKeyReusedException;
import com.computemarket.escrow.ledger.model.InsufficientFundsException;
import com.computemarket.escrow.simulation.SimulatedEscrow.Listener;
import com.computemarket.escrow.stake.application.StakeProperties;
import com.computemarket.escrow.stake.model.CollateralStatus;
import com.computemarket.escrow.stake.model.LeaseCollateral;
import com.computemarket.escrow.stake.model.Unbonding;
import com.computemarket.escrow.withdrawals.WithdrawalSigner;
import com.computemarket.escrow.withdrawals.application.WithdrawalRefusedException;
import com.computemarket.escrow.withdrawals.application.WithdrawalRefusedException.Reason;
import com.computemarket.escrow.withdrawals.model.SignedWithdrawal;
import com.computemarket.escrow.withdrawals.model.Withdrawal;
import com.computemarket.escrow.withdrawals.model.WithdrawalStatus;
import com.computemarket.events.DepositConfirmed;
import com.computemarket.events.DepositReversed;
import com.computemarket.events.FundsHeld;
import com.computemarket.events.FundsHoldRejected;
import com.computemarket.events.JobExpired;
import com.computemarket.events.JobPosted;
import com.computemarket.events.JobRelisted;
import com.computemarket.events.LeaseAwarded;
import com.computemarket.events.LeaseCloseReason;
import com.computemarket.events.LeaseClosed;
import com.computemarket.events.LeaseDowntimeRecorded;
import com.computemarket.events.LeaseFunded;
import com.computemarket.events.LeaseFundingLapsed;
import com.computemarket.events.LeasePaused;
import com.computemarket.events.LeaseResumed;
import com.computemarket.events.MarketEvent;
import com.computemarket.events.SettlementOutcome;
import com.computemarket.events.SettlementRecorded;
import com.computemarket.events.StakeBonded;
import com.computemarket.events.StakeReduced;
import com.computemarket.events.StakeReductionCause;
import com.computemarket.events.VerificationMode;
import com.computemarket.events.WorkRejected;
import com.computemarket.events.WithdrawalExecuted;
import com.computemarket.events.WithdrawalFailed;
import com.computemarket.events.WithdrawalRequested;
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
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * A seeded random market around one escrow-service: deposits and their reversals by reorgs, job posts, awards,
 * accruals, verdicts, lost leases and the re-listings they cause, stake bonds and unbondings, collateral and its
 * slashes, signed withdrawals and the chain's answers to them, with the broker redelivering events, other services
 * re-emitting them, deliveries arriving in any order (each of escrow's two consumer groups on its own), and one
 * restart of escrow half way. After every operation the ledger's invariants are checked and the ledger is compared
 * with what the market expects: the vault mirror with the deposits credited less those reversed and withdrawn,
 * protocol fees with the fees of the paid leases, slashed funds with the slashes, and each provider's every account
 * (available, stake, collateral, unbonding, pending withdrawals, debt) and each consumer's pending withdrawals and
 * debt with the simulation's own model of them; each consumer's whole money (its own accounts plus what its jobs hold
 * and its leases escrow) every {@value #WEALTH_CHECK_EVERY} operations and at the end. Everything random comes from
 * the seed, so a seed replays a run exactly.
 */
final class MarketSimulation {

    /** How often the running audit figures are compared with a full recount from the rows. */
    private static final int RECOUNT_EVERY = 10_000;
    /** How often each consumer's money is summed over all its holds and leases (too many to sum after every step). */
    private static final int WEALTH_CHECK_EVERY = 1_000;
    /**
     * Events in flight beyond which deliveries take priority: enough for any order among them, few enough that an
     * event is not left behind for the rest of the run (after which it could only arrive to a settled lease).
     */
    private static final int MOST_IN_FLIGHT = 400;
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
    /** "Proportional Slash v1": 10 % collateral, 50 % of it on rejection, 25 % on loss, half to the consumer. */
    private static final int COLLATERAL_BPS = 1000;
    private static final int REJECTED_WORK_BPS = 5000;
    private static final int LOST_LEASE_BPS = 2500;
    private static final int CONSUMER_SHARE_BPS = 5000;
    private static final Duration UNBONDING_COOLDOWN = Duration.ofDays(2);
    private static final String VAULT = WithdrawalSigner.VAULT;
    private static final List<String> WITHDRAWAL_FAILURES =
            List.of("SIGNATURE_REJECTED", "DEADLINE_PASSED", "NONCE_USED", "VAULT_PAUSED", "REVERTED");

    private final long seed;
    private final int operations;
    private final RandomGenerator random;
    private final List<String> consumers = new ArrayList<>();
    private final List<String> providers = new ArrayList<>();
    /** Every participant's keys and the market's model of its accounts, by address. */
    private final Map<String, Wallet> wallets = new HashMap<>();
    private final List<Wallet> walletList = new ArrayList<>();
    private final WithdrawalSigner signer = new WithdrawalSigner(CHAIN_ID, VAULT);
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
    /** Held accounts of listings whose award or expiry was sent: once it is applied, nothing may remain held. */
    private final Set<AccountRef> listingsDone = new HashSet<>();
    private final Map<UUID, SimulatedLease> leases = new HashMap<>();
    private final List<UUID> awardedLeasesAwaitingFunding = new ArrayList<>();
    private final List<UUID> fundedLeasesAwaitingVerdict = new ArrayList<>();
    /** Funded leases left to run their whole course before their verdict is sent. */
    private final List<UUID> runningLeases = new ArrayList<>();
    private final Set<String> creditedDepositLogs = new HashSet<>();
    private final Set<String> reversedDepositLogs = new HashSet<>();
    /** Deposits sent, for a reorg to reverse (at most once each). */
    private final List<DepositConfirmed> reversibleDeposits = new ArrayList<>();
    private final Map<String, StakeRequest> lastStakeRequest = new HashMap<>();
    private final Map<String, UnbondRequest> lastUnbondRequest = new HashMap<>();
    /** Unbondings the market expects back in the available balance once their cooldown has passed. */
    private final List<Unbonding> expectedUnbondings = new ArrayList<>();
    /** Withdrawals escrow accepted, by id, until the chain's answer applies. */
    private final Map<UUID, Withdrawal> pendingWithdrawals = new HashMap<>();
    /** What the vault holds for participants: deposits credited, less those reversed and the withdrawals paid out. */
    private BigInteger expectedDeposits = BigInteger.ZERO;
    private BigInteger expectedProtocolFees = BigInteger.ZERO;
    private BigInteger expectedSlashedFunds = BigInteger.ZERO;
    private int expectedSlashes;
    private final Map<Tally, Integer> tallies = new EnumMap<>(Tally.class);
    private int step;
    /** The latest delivery, named in a failure's message. */
    private Delivery lastDelivery;

    MarketSimulation(long seed, int operations) {
        this.seed = seed;
        this.operations = operations;
        SplittableRandom root = new SplittableRandom(seed);
        this.random = root.split();
        SplittableRandom idRandom = root.split();
        for (int i = 0; i < CONSUMERS; i++) {
            consumers.add(newWallet(false).address);
        }
        for (int i = 0; i < PROVIDERS; i++) {
            providers.add(newWallet(true).address);
        }
        EscrowProperties properties = new EscrowProperties(new EscrowProperties.Fees(FEE_BPS),
                new EscrowProperties.Token("CMT", 18), new EscrowProperties.Invariants(Duration.ofSeconds(30)));
        LeaseFundingProperties leaseFunding = new LeaseFundingProperties(Duration.ofSeconds(PREFUND_SECONDS),
                Duration.ofSeconds(ACCRUAL_INTERVAL_SECONDS), Duration.ofSeconds(GRACE_SECONDS), 200);
        StakeProperties stake = new StakeProperties(UNBONDING_COOLDOWN, Duration.ofSeconds(30), COLLATERAL_BPS,
                new StakeProperties.Slashing(REJECTED_WORK_BPS, LOST_LEASE_BPS, CONSUMER_SHARE_BPS));
        escrow = SimulatedEscrow.start(outbox, clock, () -> new UUID(idRandom.nextLong(), idRandom.nextLong()),
                properties, leaseFunding, stake, new ChainProperties(CHAIN_ID, VAULT), new SimpleMeterRegistry());
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
                if (step % WEALTH_CHECK_EVERY == 0) {
                    checkConsumersWealth();
                }
                if (step % RECOUNT_EVERY == 0) {
                    checkRunningFiguresAgainstRecount();
                }
            }
            deliverEverythingInFlight();
            checkFinalState();
            return tallies;
        } catch (Throwable failure) {
            throw new AssertionError("Ledger simulation failed at step " + step + " of seed " + seed
                    + " (replay: -Descrow.simulation.seed=" + seed + "): " + failure.getMessage()
                    + "; latest delivery: " + lastDelivery, failure);
        }
    }

    /**
     * One operation, drawn by weight; one that has nothing to act on yet delivers an event instead, and so does
     * every operation while more than {@value #MOST_IN_FLIGHT} events are in flight, so that deliveries keep up.
     */
    private void randomOperation() {
        int dice = inFlight.size() > MOST_IN_FLIGHT ? 199 : random.nextInt(200);
        if (dice < 16) {
            deposit();
        } else if (dice < 36) {
            postJob();
        } else if (dice < 52 && !heldJobs.isEmpty()) {
            award();
        } else if (dice < 58 && !heldJobs.isEmpty()) {
            expire();
        } else if (dice < 78 && !fundedLeasesAwaitingVerdict.isEmpty()) {
            verdict(take(fundedLeasesAwaitingVerdict));
        } else if (dice < 82 && !awardedLeasesAwaitingFunding.isEmpty()) {
            UUID leaseId = take(awardedLeasesAwaitingFunding);
            // Leases leave this list lazily (here, once funded), which keeps the funding announcement O(1).
            if (!leases.get(leaseId).funded) {
                // The verdict overtakes the lease's award: escrow must refuse it until the lease is funded.
                verdict(leaseId);
                count(Tally.VERDICTS_SENT_BEFORE_FUNDING);
            }
        } else if (dice >= 82 && dice < 90) {
            bondStake();
        } else if (dice >= 90 && dice < 94 && !runningLeases.isEmpty()) {
            downtime(pick(runningLeases));
        } else if (dice >= 94 && dice < 102 && !handled.isEmpty()) {
            Delivery original = handled.get(random.nextInt(handled.size()));
            inFlight.add(new Delivery(original.eventId(), original.event(), Origin.BROKER_REDELIVERY,
                    original.listener()));
        } else if (dice >= 102 && dice < 110 && !handled.isEmpty()) {
            Delivery original = handled.get(random.nextInt(handled.size()));
            inFlight.add(new Delivery(nextId(), original.event(), Origin.RE_EMISSION, original.listener()));
        } else if (dice >= 110 && dice < 126) {
            timePasses();
        } else if (dice >= 126 && dice < 136) {
            spendEverythingElsewhere(pick(consumers));
        } else if (dice >= 136 && dice < 140) {
            unbondStake();
        } else if (dice >= 140 && dice < 144) {
            requestWithdrawal(walletList.get(random.nextInt(walletList.size())));
        } else if (dice == 144 && !reversibleDeposits.isEmpty()) {
            reverseDeposit(take(reversibleDeposits));
        } else if (dice >= 145 && dice < 149 && !runningLeases.isEmpty()) {
            loseLease(random.nextInt(runningLeases.size()));
        } else if (!inFlight.isEmpty()) {
            deliver(take(inFlight));
        } else {
            deposit();
        }
    }

    private void deposit() {
        String account = random.nextBoolean() ? pick(consumers) : pick(providers);
        BigInteger amount = BigInteger.valueOf(random.nextLong(1, 10_000)).multiply(BigInteger.TEN.pow(18));
        DepositConfirmed deposit = new DepositConfirmed(CHAIN_ID, "0x" + hex(32), random.nextInt(4), step, account,
                "0x5FbDB2315678afecb367f032d93F642f64180aa3", amount);
        reversibleDeposits.add(deposit);
        send(deposit);
    }

    /**
     * A reorg removes a deposit: often one escrow credited (and the depositor may have spent since, which leaves a
     * debt), sometimes one whose confirmation is still on its way (then it must never be credited).
     */
    private void reverseDeposit(DepositConfirmed deposit) {
        send(new DepositReversed(deposit.chainId(), deposit.txHash(), deposit.logIndex(), deposit.blockNumber(),
                "0x" + hex(32), deposit.account(), deposit.token(), deposit.amount()));
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
        BigInteger available = escrow.ledger.balanceOf(wallets.get(consumer).available);
        if (available.signum() > 0) {
            postJob(consumer, available, 3600, 1);
        }
    }

    private void postJob(String consumer, BigInteger maxPricePerHour, long durationSeconds, int replicas) {
        UUID jobId = nextId();
        jobs.put(jobId, new SimulatedJob(jobId, consumer, maxPricePerHour, durationSeconds, replicas));
        send(new JobPosted(jobId, consumer, maxPricePerHour, durationSeconds, replicas, VerificationMode.NONE));
    }

    private void award() {
        UUID jobId = take(heldJobs);
        SimulatedJob job = jobs.get(jobId);
        job.auctionOpen = false;
        listingsDone.add(job.heldAccount());
        int leasesInAward = random.nextInt(1, job.replicas + 1);
        List<String> winners = new ArrayList<>(providers);
        winners.removeAll(job.excludedProviders);
        for (int i = 0; i < leasesInAward; i++) {
            String provider = winners.remove(random.nextInt(winners.size()));
            // A price at or below the job's maximum whose cost is at least one base unit, as matching awards.
            long minimumPrice = Math.ceilDiv(3600, job.durationSeconds);
            BigInteger spread = job.maxPricePerHour.subtract(BigInteger.valueOf(minimumPrice));
            BigInteger price = BigInteger.valueOf(minimumPrice)
                    .add(spread.multiply(BigInteger.valueOf(random.nextInt(1001))).divide(BigInteger.valueOf(1000)));
            UUID leaseId = nextId();
            Instant awardedAt = clock.instant();
            leases.put(leaseId, new SimulatedLease(jobId, provider, price, job.durationSeconds, awardedAt,
                    initialFunding(price, job.durationSeconds)));
            awardedLeasesAwaitingFunding.add(leaseId);
            job.leasesAwaitingFunding++;
            if (job.listing > 1) {
                count(Tally.AWARDS_FROM_RELISTINGS);
            }
            send(new LeaseAwarded(leaseId, jobId, job.consumer, provider, price, job.durationSeconds,
                    leasesInAward, job.replicas, VerificationMode.NONE, awardedAt));
        }
    }

    private void expire() {
        UUID jobId = take(heldJobs);
        SimulatedJob job = jobs.get(jobId);
        job.auctionOpen = false;
        listingsDone.add(job.heldAccount());
        send(new JobExpired(jobId, job.consumer, Map.of("NO_BIDS", 1)));
    }

    private void verdict(UUID leaseId) {
        SimulatedLease lease = leases.get(leaseId);
        if (lease.lost) {
            return; // matching closed it as lost: verification will never judge it
        }
        lease.verdictSent = true;
        if (random.nextInt(10) < 7) {
            lease.expectedOutcome = SettlementOutcome.PAID;
            send(new WorkVerified(leaseId, lease.jobId, lease.provider, "0x" + hex(32)));
        } else {
            lease.expectedOutcome = SettlementOutcome.REFUNDED;
            send(new WorkRejected(leaseId, lease.jobId, lease.provider, "OUTVOTED", "0x" + hex(32)));
        }
    }

    /**
     * Matching closes a running lease its provider lost (heartbeats stopped, or a fault) and, most of the time,
     * re-lists its job for one more lease without that provider. Only a lease whose award is wholly funded and
     * whose job is not at auction is lost: matching's lease stream keeps a listing's awards before the failure that
     * re-lists the job, which escrow's funding relies on; the simulation's random delivery order would not.
     */
    private void loseLease(int index) {
        UUID leaseId = runningLeases.get(index);
        SimulatedLease lease = leases.get(leaseId);
        SimulatedJob job = jobs.get(lease.jobId);
        if (lease.settled || lease.verdictSent || job.auctionOpen || job.leasesAwaitingFunding > 0) {
            return;
        }
        take(runningLeases, index);
        lease.lost = true;
        LeaseCloseReason reason = random.nextBoolean() ? LeaseCloseReason.HEARTBEAT_LOST
                : LeaseCloseReason.PROVIDER_FAULT;
        send(new LeaseClosed(leaseId, lease.jobId, lease.provider, reason, clock.instant()));
        count(Tally.LEASES_LOST);
        if (random.nextInt(5) > 0) {
            job.relist(lease.provider);
            send(new JobRelisted(lease.jobId, job.consumer, job.listing, job.maxPricePerHour, job.durationSeconds,
                    job.replicas, VerificationMode.NONE, List.copyOf(job.excludedProviders), clock.instant()));
        }
    }

    /**
     * Time passes, then the schedules run: the metering pass (leases accrue, are topped up, pause, resume or lapse)
     * and the release of unbondings whose cooldown has passed.
     */
    private void timePasses() {
        clock.advance(Duration.ofSeconds(random.nextLong(1, LONGEST_TIME_STEP_SECONDS + 1)));
        if (escrow.meterDueLeases(clock.instant()) > 0) {
            count(Tally.METERING_PASSES);
        }
        releaseUnbondings();
        runningLeases.removeIf(leaseId -> {
            SimulatedLease lease = leases.get(leaseId);
            boolean ranItsCourse = !lease.awardedAt.plusSeconds(lease.durationSeconds).isAfter(clock.instant());
            if (ranItsCourse) {
                fundedLeasesAwaitingVerdict.add(leaseId);
            }
            return ranItsCourse;
        });
    }

    private void releaseUnbondings() {
        while (escrow.releaseWithdrawableUnbondings(clock.instant()) > 0) {
            // batch after batch, as the schedule does, until none is due
        }
        expectedUnbondings.removeIf(unbonding -> {
            if (unbonding.withdrawableAt().isAfter(clock.instant())) {
                return false;
            }
            Wallet provider = wallets.get(unbonding.provider());
            provider.unbonding = provider.unbonding.subtract(unbonding.amount());
            provider.availableBalance = provider.availableBalance.add(unbonding.amount());
            count(Tally.UNBONDINGS_RELEASED);
            return true;
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
        send(new LeaseDowntimeRecorded(leaseId, lease.jobId, jobs.get(lease.jobId).consumer, lease.provider,
                startedAt, endedAt));
    }

    /** A REST call: bond stake, sometimes repeating an earlier Idempotency-Key with the same or another amount. */
    private void bondStake() {
        Wallet provider = wallets.get(pick(providers));
        BigInteger available = escrow.ledger.balanceOf(provider.available);
        StakeRequest previous = lastStakeRequest.get(provider.address);
        int dice = random.nextInt(20);
        if (previous != null && dice < 3) {
            StakeReceipt replayed = escrow.inTransaction(() -> escrow.stakes.bond(provider.address,
                    previous.amount(), Optional.of(previous.key())));
            require(replayed.equals(previous.receipt()), () -> "a replayed stake request answered " + replayed
                    + " instead of " + previous.receipt());
            count(Tally.STAKE_REPLAYS);
            return;
        }
        if (previous != null && dice < 4) {
            BigInteger otherAmount = previous.amount().add(BigInteger.ONE);
            requireRefused(IdempotencyKeyReusedException.class, () -> escrow.inTransaction(
                    () -> escrow.stakes.bond(provider.address, otherAmount, Optional.of(previous.key()))));
            count(Tally.STAKE_KEY_REUSES_REFUSED);
            return;
        }
        BigInteger amount = BigInteger.ONE.add(randomBelow(available.add(available.divide(BigInteger.valueOf(5)))));
        String key = "key-" + nextId();
        if (amount.compareTo(available) > 0) {
            requireRefused(InsufficientFundsException.class, () -> escrow.inTransaction(
                    () -> escrow.stakes.bond(provider.address, amount, Optional.of(key))));
            count(Tally.STAKES_REFUSED_FOR_FUNDS);
            return;
        }
        StakeReceipt receipt = escrow.inTransaction(() -> escrow.stakes.bond(provider.address, amount,
                Optional.of(key)));
        provider.availableBalance = provider.availableBalance.subtract(amount);
        provider.freeStake = provider.freeStake.add(amount);
        require(receipt.totalBonded().equals(provider.bonded()), () -> "stake receipt says "
                + receipt.totalBonded() + " bonded, the market counted " + provider.bonded());
        lastStakeRequest.put(provider.address, new StakeRequest(key, amount, receipt));
        count(Tally.STAKES_BONDED);
    }

    /**
     * A REST call: unbond part of the free stake (collateral locked by running leases cannot be), sometimes more than
     * is free, sometimes repeating an earlier Idempotency-Key with the same or another amount.
     */
    private void unbondStake() {
        Wallet provider = wallets.get(pick(providers));
        UnbondRequest previous = lastUnbondRequest.get(provider.address);
        int dice = random.nextInt(20);
        int transfersBefore = escrow.ledgerStore().transferCount();
        if (previous != null && dice < 3) {
            Unbonding replayed = escrow.inTransaction(() -> escrow.unbondings.unbond(provider.address,
                    previous.unbonding().amount(), Optional.of(previous.key())));
            // The same unbonding, as it stands now (its cooldown may have passed and released it since).
            Unbonding first = previous.unbonding();
            require(replayed.transferId().equals(first.transferId()) && replayed.amount().equals(first.amount())
                    && replayed.totalBonded().equals(first.totalBonded())
                    && replayed.withdrawableAt().equals(first.withdrawableAt()), () -> "a replayed unbonding answered "
                    + replayed + " instead of " + first);
            require(escrow.ledgerStore().transferCount() == transfersBefore, () -> "a replayed unbonding moved money");
            count(Tally.UNBONDING_REPLAYS);
            return;
        }
        if (previous != null && dice < 4) {
            BigInteger otherAmount = previous.unbonding().amount().add(BigInteger.ONE);
            requireRefused(IdempotencyKeyReusedException.class, () -> escrow.inTransaction(
                    () -> escrow.unbondings.unbond(provider.address, otherAmount, Optional.of(previous.key()))));
            count(Tally.UNBONDING_KEY_REUSES_REFUSED);
            return;
        }
        BigInteger free = provider.freeStake;
        BigInteger amount = BigInteger.ONE.add(randomBelow(free.add(free.divide(BigInteger.valueOf(5)))));
        String key = "unbond-" + nextId();
        if (amount.compareTo(free) > 0) {
            requireRefused(InsufficientFundsException.class, () -> escrow.inTransaction(
                    () -> escrow.unbondings.unbond(provider.address, amount, Optional.of(key))));
            require(escrow.ledgerStore().transferCount() == transfersBefore, () -> "a refused unbonding moved money");
            count(Tally.UNBONDINGS_REFUSED_FOR_FUNDS);
            return;
        }
        Unbonding unbonding = escrow.inTransaction(() -> escrow.unbondings.unbond(provider.address, amount,
                Optional.of(key)));
        provider.freeStake = provider.freeStake.subtract(amount);
        provider.unbonding = provider.unbonding.add(amount);
        provider.lastStakeReduction = amount;
        require(unbonding.amount().equals(amount) && unbonding.totalBonded().equals(provider.bonded())
                && unbonding.withdrawableAt().equals(clock.instant().plus(UNBONDING_COOLDOWN)), () ->
                "unbonding of " + amount + " answered " + unbonding + "; the market counts " + provider.bonded()
                        + " still bonded");
        expectedUnbondings.add(unbonding);
        lastUnbondRequest.put(provider.address, new UnbondRequest(key, unbonding));
        count(Tally.UNBONDINGS);
    }

    /**
     * A REST call: a withdrawal signed by its owner (EIP-712), or one escrow must refuse without writing anything: a
     * repeated Idempotency-Key for another withdrawal, a nonce already used, a deadline too soon or past, a signature
     * by someone else, more than the available balance left after repaying any debt. A request repeated with its
     * Idempotency-Key answers the first withdrawal again.
     */
    private void requestWithdrawal(Wallet owner) {
        int transfersBefore = escrow.ledgerStore().transferCount();
        int outboxBefore = outbox.size();
        int dice = random.nextInt(20);
        PreviousWithdrawal previous = owner.lastWithdrawal;
        if (previous != null && dice < 2) {
            Withdrawal replayed = escrow.inTransaction(() -> escrow.withdrawals.request(previous.signed(),
                    Optional.of(previous.key())));
            require(replayed.id().equals(previous.id()), () -> "a replayed withdrawal answered " + replayed.id()
                    + " instead of " + previous.id());
            require(escrow.ledgerStore().transferCount() == transfersBefore && outbox.size() == outboxBefore,
                    () -> "a replayed withdrawal moved money or announced something");
            count(Tally.WITHDRAWAL_REPLAYS);
            return;
        }
        BigInteger available = escrow.ledger.balanceOf(owner.available);
        BigInteger repaid = owner.owed.min(available);
        BigInteger spendable = available.subtract(repaid);
        BigInteger amount = BigInteger.ONE.add(randomBelow(spendable.add(spendable.divide(BigInteger.valueOf(5)))));
        BigInteger nonce = BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE);
        long now = clock.instant().getEpochSecond();
        long deadline = now + random.nextLong(600, 7 * 86_400);
        String key = "withdrawal-" + nextId();
        ECKeyPair signingKey = owner.key;
        Reason refusal = null;
        if (previous != null && dice < 3) {
            key = previous.key();
            refusal = Reason.IDEMPOTENCY_KEY_REUSED;
        } else if (dice < 4 && !owner.usedNonces.isEmpty()) {
            nonce = owner.usedNonces.get(random.nextInt(owner.usedNonces.size()));
            refusal = Reason.NONCE_USED;
        } else if (dice < 5) {
            deadline = now + random.nextLong(-3600, 120);
            refusal = Reason.DEADLINE_TOO_SOON;
        } else if (dice < 6) {
            signingKey = walletList.get(random.nextInt(walletList.size())).key;
            refusal = signingKey == owner.key ? null : Reason.SIGNATURE_INVALID;
        }
        if (refusal == null && amount.compareTo(spendable) > 0) {
            refusal = Reason.INSUFFICIENT_FUNDS;
        }
        String to = random.nextBoolean() ? owner.address : newAddress();
        SignedWithdrawal signed = signer.signAs(signingKey, owner.address, to, amount, nonce, deadline);
        String idempotencyKey = key;
        if (refusal != null) {
            Reason expected = refusal;
            WithdrawalRefusedException refused = requireRefused(WithdrawalRefusedException.class, () ->
                    escrow.inTransaction(() -> escrow.withdrawals.request(signed, Optional.of(idempotencyKey))));
            require(escrow.ledgerStore().transferCount() == transfersBefore && outbox.size() == outboxBefore,
                    () -> "a withdrawal refused for " + expected + " moved money or announced something");
            require(refused.reason() == expected, () -> "withdrawal refused for " + refused.reason()
                    + " (" + refused.getMessage() + "), expected " + expected);
            count(switch (expected) {
                case IDEMPOTENCY_KEY_REUSED -> Tally.WITHDRAWAL_KEY_REUSES_REFUSED;
                case NONCE_USED -> Tally.WITHDRAWALS_REFUSED_FOR_NONCE;
                case DEADLINE_TOO_SOON -> Tally.WITHDRAWALS_REFUSED_FOR_DEADLINE;
                case SIGNATURE_INVALID -> Tally.WITHDRAWALS_REFUSED_FOR_SIGNATURE;
                case INSUFFICIENT_FUNDS -> Tally.WITHDRAWALS_REFUSED_FOR_FUNDS;
            });
            return;
        }
        Withdrawal withdrawal = escrow.inTransaction(() -> escrow.withdrawals.request(signed,
                Optional.of(idempotencyKey)));
        require(withdrawal.status() == WithdrawalStatus.REQUESTED && withdrawal.amount().equals(amount)
                && withdrawal.owner().equals(owner.address), () -> "withdrawal accepted as " + withdrawal);
        owner.pendingWithdrawals = owner.pendingWithdrawals.add(amount);
        owner.owed = owner.owed.subtract(repaid);
        owner.availableBalance = owner.availableBalance.subtract(amount).subtract(repaid);
        owner.usedNonces.add(nonce);
        owner.lastWithdrawal = new PreviousWithdrawal(idempotencyKey, signed, withdrawal.id());
        pendingWithdrawals.put(withdrawal.id(), withdrawal);
        if (repaid.signum() > 0) {
            count(Tally.DEBTS_REPAID_BY_WITHDRAWALS);
        }
        count(Tally.WITHDRAWALS_REQUESTED);
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
        lastDelivery = delivery;
        int transfersBefore = escrow.ledgerStore().transferCount();
        switch (delivery.origin()) {
            case BROKER_REDELIVERY -> {
                require(!escrow.handleOnce(delivery.listener(), delivery.eventId(), delivery.event()), () ->
                        "a redelivered event was handled again: " + delivery.event());
                requireNoMoneyMoved(transfersBefore, delivery);
                count(Tally.REDELIVERIES_IGNORED);
            }
            case RE_EMISSION -> {
                try {
                    escrow.handleOnce(delivery.listener(), delivery.eventId(), delivery.event());
                    count(Tally.RE_EMISSIONS_NO_OP);
                } catch (RuntimeException refused) {
                    count(Tally.RE_EMISSIONS_REFUSED);
                }
                requireNoMoneyMoved(transfersBefore, delivery);
            }
            case MARKET -> {
                // Read before the event applies: what a reversal takes back depends on what is still available.
                BigInteger availableBefore = delivery.event() instanceof DepositReversed reversed
                        ? escrow.ledger.balanceOf(wallets.get(reversed.account()).available) : null;
                try {
                    escrow.handleOnce(delivery.listener(), delivery.eventId(), delivery.event());
                } catch (RuntimeException notYet) {
                    // Arrived before what it depends on (a verdict before its lease's funding or collateral): escrow
                    // refused it and changed nothing; the broker retries it later.
                    requireNoMoneyMoved(transfersBefore, delivery);
                    inFlight.add(delivery);
                    count(Tally.DEFERRED_OUT_OF_ORDER);
                    return;
                }
                handled.add(delivery);
                switch (delivery.listener()) {
                    case ESCROW -> appliedByEscrow(delivery.event(), availableBefore);
                    case STAKE -> appliedByStake(delivery.event());
                }
                count(Tally.EVENTS_APPLIED);
            }
        }
    }

    /** What the market expects from an event the escrow-service consumer group applied. */
    private void appliedByEscrow(MarketEvent event, BigInteger availableBefore) {
        switch (event) {
            case LeaseDowntimeRecorded downtime -> {
                SimulatedLease lease = leases.get(downtime.leaseId());
                if (!lease.settled) {
                    lease.downtimeSeconds += lease.secondsWithin(downtime.downtimeStartedAt(),
                            downtime.downtimeEndedAt());
                    count(Tally.DOWNTIME_RECORDED);
                }
            }
            case DepositConfirmed deposit -> {
                String log = deposit.txHash() + ":" + deposit.logIndex();
                if (!reversedDepositLogs.contains(log) && creditedDepositLogs.add(log)) {
                    Wallet depositor = wallets.get(deposit.account());
                    BigInteger repaid = depositor.owed.min(deposit.amount());
                    depositor.owed = depositor.owed.subtract(repaid);
                    depositor.availableBalance = depositor.availableBalance.add(deposit.amount()).subtract(repaid);
                    depositor.wealth = depositor.wealth.add(deposit.amount());
                    expectedDeposits = expectedDeposits.add(deposit.amount());
                    if (repaid.signum() > 0) {
                        count(Tally.DEBTS_REPAID_BY_DEPOSITS);
                    }
                }
            }
            case DepositReversed reversed -> {
                String log = reversed.txHash() + ":" + reversed.logIndex();
                if (reversedDepositLogs.add(log)) {
                    if (creditedDepositLogs.contains(log)) {
                        Wallet depositor = wallets.get(reversed.account());
                        BigInteger takenBack = availableBefore.min(reversed.amount());
                        BigInteger shortfall = reversed.amount().subtract(takenBack);
                        depositor.availableBalance = depositor.availableBalance.subtract(takenBack);
                        depositor.owed = depositor.owed.add(shortfall);
                        depositor.wealth = depositor.wealth.subtract(reversed.amount());
                        expectedDeposits = expectedDeposits.subtract(reversed.amount());
                        count(shortfall.signum() > 0 ? Tally.DEPOSITS_REVERSED_INTO_DEBT : Tally.DEPOSITS_REVERSED);
                    } else {
                        count(Tally.DEPOSITS_REVERSED_BEFORE_CREDIT);
                    }
                }
            }
            case WithdrawalExecuted executed -> {
                Withdrawal withdrawal = pendingWithdrawals.remove(executed.withdrawalId());
                Wallet owner = wallets.get(withdrawal.owner());
                owner.pendingWithdrawals = owner.pendingWithdrawals.subtract(withdrawal.amount());
                owner.wealth = owner.wealth.subtract(withdrawal.amount());
                expectedDeposits = expectedDeposits.subtract(withdrawal.amount());
                count(Tally.WITHDRAWALS_EXECUTED);
            }
            case WithdrawalFailed failed -> {
                Withdrawal withdrawal = pendingWithdrawals.remove(failed.withdrawalId());
                Wallet owner = wallets.get(withdrawal.owner());
                owner.pendingWithdrawals = owner.pendingWithdrawals.subtract(withdrawal.amount());
                owner.availableBalance = owner.availableBalance.add(withdrawal.amount());
                count(Tally.WITHDRAWALS_COMPENSATED);
            }
            default -> { } // holds, awards, verdicts and closes are checked by what escrow announces
        }
    }

    /**
     * What the market expects from an event the escrow-service-stake consumer group applied: collateral locked at
     * award (the policy's share of the lease's value, as far as the free stake covers it), slashed once for a
     * rejected result or a lost lease, released when the lease's fate is known. A lease closed on its settlement
     * (paid or refunded on a verdict) keeps its collateral for that verdict, whichever of the two the group sees
     * first: the verdict decides whether to slash. A lease that lapsed is released by its close or its verdict,
     * whichever comes first, and never slashed for a rejection that funding no longer applied.
     */
    private void appliedByStake(MarketEvent event) {
        switch (event) {
            case LeaseAwarded awarded -> {
                SimulatedLease lease = leases.get(awarded.leaseId());
                Wallet provider = wallets.get(awarded.provider());
                BigInteger required = expectedCost(awarded.pricePerHour(), awarded.durationSeconds())
                        .multiply(BigInteger.valueOf(COLLATERAL_BPS)).divide(BigInteger.valueOf(10_000));
                lease.collateralLocked = required.min(provider.freeStake);
                provider.freeStake = provider.freeStake.subtract(lease.collateralLocked);
                provider.lockedStake = provider.lockedStake.add(lease.collateralLocked);
                if (lease.collateralLocked.signum() > 0) {
                    count(Tally.COLLATERAL_LOCKED);
                }
            }
            case WorkVerified verified -> {
                SimulatedLease lease = leases.get(verified.leaseId());
                lease.verdictAppliedAtStake = true;
                releaseCollateral(lease);
            }
            case WorkRejected rejected -> {
                SimulatedLease lease = leases.get(rejected.leaseId());
                lease.verdictAppliedAtStake = true;
                if (!lease.collateralReleased) {
                    // A lease that lapsed before its verdict was settled without it: the verdict slashes nothing.
                    if (lease.lapsed) {
                        count(Tally.REJECTIONS_AFTER_LAPSE_NOT_SLASHED);
                    } else {
                        slash(lease, REJECTED_WORK_BPS, Tally.SLASHES_FOR_REJECTED_WORK);
                    }
                    releaseCollateral(lease);
                }
            }
            case LeaseClosed closed -> {
                SimulatedLease lease = leases.get(closed.leaseId());
                switch (closed.reason()) {
                    case HEARTBEAT_LOST, PROVIDER_FAULT -> {
                        if (!lease.collateralReleased) {
                            slash(lease, LOST_LEASE_BPS, Tally.SLASHES_FOR_LOST_LEASES);
                            releaseCollateral(lease);
                        }
                    }
                    case COMPLETED, VERIFICATION_FAILED -> {
                        if (!lease.verdictAppliedAtStake) {
                            count(Tally.CLOSES_BEFORE_THEIR_VERDICT_AT_STAKE);
                        }
                    }
                    default -> releaseCollateral(lease);
                }
            }
            default -> throw new IllegalStateException("the stake listener applied " + event);
        }
    }

    private void slash(SimulatedLease lease, int bps, Tally tally) {
        BigInteger amount = lease.collateralLocked.multiply(BigInteger.valueOf(bps)).divide(BigInteger.valueOf(10_000))
                .min(lease.collateralLocked.subtract(lease.collateralSlashed));
        if (amount.signum() == 0) {
            return;
        }
        BigInteger toConsumer = amount.multiply(BigInteger.valueOf(CONSUMER_SHARE_BPS))
                .divide(BigInteger.valueOf(10_000));
        Wallet provider = wallets.get(lease.provider);
        Wallet consumer = wallets.get(jobs.get(lease.jobId).consumer);
        lease.collateralSlashed = lease.collateralSlashed.add(amount);
        provider.lockedStake = provider.lockedStake.subtract(amount);
        provider.lastStakeReduction = amount;
        consumer.wealth = consumer.wealth.add(toConsumer);
        expectedSlashedFunds = expectedSlashedFunds.add(amount.subtract(toConsumer));
        expectedSlashes++;
        count(tally);
    }

    private void releaseCollateral(SimulatedLease lease) {
        if (lease.collateralReleased) {
            return;
        }
        lease.collateralReleased = true;
        Wallet provider = wallets.get(lease.provider);
        BigInteger rest = lease.collateralLocked.subtract(lease.collateralSlashed);
        provider.lockedStake = provider.lockedStake.subtract(rest);
        provider.freeStake = provider.freeStake.add(rest);
    }

    /** What escrow announced, read the way matching and chain-indexer read it, and how they answer. */
    private void readOutbox() {
        while (outboxRead < outbox.size()) {
            MarketEvent announced = outbox.get(outboxRead++);
            switch (announced) {
                case FundsHeld held -> {
                    SimulatedJob job = jobs.get(held.jobId());
                    require(held.amount().equals(job.hold()), () -> "job " + held.jobId() + " listing "
                            + job.listing + " held " + held.amount() + " instead of " + job.hold());
                    heldJobs.add(held.jobId());
                    if (job.listing > 1) {
                        count(Tally.RELISTINGS_HELD);
                    }
                }
                case FundsHoldRejected rejected -> {
                    SimulatedJob job = jobs.get(rejected.jobId());
                    job.auctionOpen = false;
                    count(job.listing > 1 ? Tally.RELISTING_HOLDS_REJECTED : Tally.HOLDS_REJECTED);
                }
                case LeaseFunded funded -> {
                    SimulatedLease lease = leases.get(funded.leaseId());
                    require(funded.amount().equals(lease.escrow), () -> "lease " + funded.leaseId() + " funded with "
                            + funded.amount() + ", its award costs " + lease.escrow);
                    lease.funded = true;
                    jobs.get(lease.jobId).leasesAwaitingFunding--;
                    if (!lease.verdictSent) {
                        // Half the leases get their verdict any time, half only once they have run their course.
                        (random.nextBoolean() ? fundedLeasesAwaitingVerdict : runningLeases).add(funded.leaseId());
                    }
                }
                case SettlementRecorded settled -> {
                    checkSettlement(settled);
                    SimulatedLease lease = leases.get(settled.leaseId());
                    if (!lease.lost) {
                        // Matching closes the lease on its settlement (it closed a lost lease already).
                        send(new LeaseClosed(settled.leaseId(), settled.jobId(), settled.provider(),
                                switch (settled.outcome()) {
                                    case PAID -> LeaseCloseReason.COMPLETED;
                                    case REFUNDED -> LeaseCloseReason.VERIFICATION_FAILED;
                                    case LAPSED -> LeaseCloseReason.INSUFFICIENT_FUNDS;
                                    case CANCELLED -> throw new AssertionError("the simulated market cancels no job,"
                                            + " yet lease " + settled.leaseId() + " settled CANCELLED");
                                }, clock.instant()));
                    }
                }
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
                case StakeBonded bonded -> require(bonded.totalBonded().equals(wallets.get(bonded.provider()).bonded()),
                        () -> "StakeBonded says " + bonded.totalBonded() + " in all for " + bonded.provider());
                case StakeReduced reduced -> {
                    Wallet provider = wallets.get(reduced.provider());
                    require(reduced.amount().equals(provider.lastStakeReduction)
                            && reduced.totalBonded().equals(provider.bonded())
                            && (reduced.cause() == StakeReductionCause.SLASHED) == (reduced.leaseId() != null), () ->
                            "StakeReduced " + reduced + " but the market expected " + provider.lastStakeReduction
                                    + " less, " + provider.bonded() + " still bonded");
                }
                case WithdrawalRequested requested -> {
                    // chain-indexer submits it to the vault and reports the outcome, once it is final.
                    if (random.nextInt(10) < 7) {
                        send(new WithdrawalExecuted(requested.withdrawalId(), requested.chainId(), requested.account(),
                                requested.to(), requested.amount(), "0x" + hex(32), step));
                    } else {
                        send(new WithdrawalFailed(requested.withdrawalId(), requested.chainId(), requested.account(),
                                requested.amount(), WITHDRAWAL_FAILURES.get(random.nextInt(WITHDRAWAL_FAILURES.size())),
                                "the vault refused it"));
                    }
                }
                default -> throw new IllegalStateException("escrow announced an unexpected " + announced);
            }
        }
    }

    /**
     * A settlement on a verdict, on a lost lease, or on a lapse (then announced right before its
     * LeaseFundingLapsed). The provider is paid at most the seconds the lease ran less its downtime, at its price;
     * exactly that when the lease never paused and still held more than it owed (money went back to the consumer);
     * the fee is the brief's share of it. A rejected or lost lease pays nothing.
     */
    private void checkSettlement(SettlementRecorded settled) {
        SimulatedLease lease = leases.get(settled.leaseId());
        require(!lease.settled, () -> "lease " + settled.leaseId() + " was settled twice");
        lease.settled = true;
        lease.lapsed = outboxRead < outbox.size() && outbox.get(outboxRead) instanceof LeaseFundingLapsed lapse
                && lapse.leaseId().equals(settled.leaseId());
        require(lease.lapsed || lease.verdictSent || lease.lost, () -> "lease " + settled.leaseId()
                + " settled without a cause");
        BigInteger due = settled.providerPayout().add(settled.protocolFee());
        Wallet provider = wallets.get(lease.provider);
        provider.availableBalance = provider.availableBalance.add(settled.providerPayout());
        wallets.get(jobs.get(lease.jobId).consumer).wealth = wallets.get(jobs.get(lease.jobId).consumer).wealth
                .subtract(due);
        if (!lease.lapsed && (lease.lost || lease.expectedOutcome == SettlementOutcome.REFUNDED)) {
            require(due.signum() == 0 && settled.outcome() == SettlementOutcome.REFUNDED, () -> "refund of lease "
                    + settled.leaseId() + " paid the provider: " + settled);
            count(lease.lost ? Tally.LOST_LEASES_REFUNDED : Tally.LEASES_REFUNDED);
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

    /**
     * Every invariant, plus the market's own count of deposits, fees and slashes, and its model of every provider's
     * accounts and every participant's pending withdrawals and debt, after every operation.
     */
    private void checkLedger() {
        InvariantCheck check = escrow.invariants.check();
        require(check.passed(), () -> "ledger invariants violated: " + check.violations());
        BigInteger vaultMirror = escrow.ledger.balanceOf(AccountRef.vaultMirror());
        require(vaultMirror.equals(expectedDeposits.negate()), () -> "the vault mirror is " + vaultMirror
                + " but " + expectedDeposits + " was deposited and not reversed or withdrawn");
        require(check.figures().nonVaultBalanceTotal().equals(expectedDeposits), () -> "accounts hold "
                + check.figures().nonVaultBalanceTotal() + " but " + expectedDeposits + " is in the vault");
        BigInteger fees = escrow.ledger.balanceOf(AccountRef.protocolFees());
        require(fees.equals(expectedProtocolFees), () -> "protocol fees are " + fees + ", the paid leases owe "
                + expectedProtocolFees);
        BigInteger slashedFunds = escrow.ledger.balanceOf(AccountRef.slashedFunds());
        require(slashedFunds.equals(expectedSlashedFunds), () -> "slashed funds are " + slashedFunds
                + ", the slashes owe them " + expectedSlashedFunds);
        for (Wallet wallet : walletList) {
            wallet.check(escrow);
        }
    }

    /**
     * Each consumer's money wherever it is (its own accounts, the held accounts of its jobs' listings, the escrow and
     * earnings of its leases) against the model, in one pass over every job and lease the market made.
     */
    private void checkConsumersWealth() {
        Map<String, BigInteger> actual = new HashMap<>();
        for (String address : consumers) {
            Wallet consumer = wallets.get(address);
            actual.put(address, escrow.ledger.balanceOf(consumer.available)
                    .add(escrow.ledger.balanceOf(consumer.pending))
                    .add(escrow.ledger.balanceOf(consumer.receivable)));
        }
        jobs.values().forEach(job -> {
            for (int listing = 1; listing <= job.listing; listing++) {
                actual.merge(job.consumer, escrow.ledger.balanceOf(job.heldAccount(listing)), BigInteger::add);
            }
        });
        leases.forEach((leaseId, lease) -> actual.merge(jobs.get(lease.jobId).consumer,
                escrow.ledger.balanceOf(AccountRef.leaseEscrow(leaseId))
                        .add(escrow.ledger.balanceOf(AccountRef.leaseEarned(leaseId))), BigInteger::add));
        for (String address : consumers) {
            BigInteger expected = wallets.get(address).wealth;
            require(actual.get(address).equals(expected), () -> "consumer " + address + " has " + actual.get(address)
                    + " in all, the market counts " + expected + " (deposits less reversals, withdrawals and what its"
                    + " leases paid, plus its share of slashes)");
        }
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
        checkConsumersWealth();
        listingsDone.forEach(held -> require(escrow.ledger.balanceOf(held).signum() == 0, () ->
                "listing " + held + " was awarded or expired but still holds money"));
        require(pendingWithdrawals.isEmpty(), () -> "withdrawals never answered: " + pendingWithdrawals.keySet());
        require(escrow.stakeLifecycleStore().slashes().size() == expectedSlashes, () -> "escrow recorded "
                + escrow.stakeLifecycleStore().slashes().size() + " slashes, the market expected " + expectedSlashes);
        leases.forEach((leaseId, lease) -> {
            Optional<LeaseStatus> status = escrow.fundingStore().leaseStatus(leaseId);
            require(status.isPresent(), () -> "lease " + leaseId + " was never funded");
            BigInteger inLease = escrow.ledger.balanceOf(AccountRef.leaseEscrow(leaseId))
                    .add(escrow.ledger.balanceOf(AccountRef.leaseEarned(leaseId)));
            if (lease.verdictSent || lease.lapsed || lease.lost) {
                require(lease.settled && !status.get().isOpen(), () -> "lease " + leaseId + " was not settled");
                require(inLease.signum() == 0, () -> "settled lease " + leaseId + " still holds " + inLease);
            } else {
                require(status.get().isOpen() && inLease.compareTo(expectedCost(lease.pricePerHour,
                        lease.durationSeconds)) <= 0, () -> "unsettled lease " + leaseId + " holds " + inLease
                        + ", more than its whole run costs");
            }
            LeaseCollateral collateral = escrow.stakeLifecycleStore().lockCollateral(leaseId).orElseThrow(() ->
                    new AssertionError("lease " + leaseId + " locked no collateral"));
            boolean fateKnown = lease.verdictSent || lease.lost || lease.lapsed;
            require(collateral.locked().equals(lease.collateralLocked)
                    && collateral.slashed().equals(lease.collateralSlashed)
                    && (collateral.status() == CollateralStatus.RELEASED) == lease.collateralReleased
                    && lease.collateralReleased == fateKnown, () -> "collateral of lease " + leaseId + " is "
                    + collateral.locked() + " locked, " + collateral.slashed() + " slashed, " + collateral.status()
                    + "; the market expected " + lease.collateralLocked + ", " + lease.collateralSlashed
                    + (lease.collateralReleased ? ", released" : ", locked"));
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

    /**
     * One record on its topic: the escrow-service group reads it, and the escrow-service-stake group reads the same
     * record (same event id) too when it is on the lease or verdict topic.
     */
    private void send(MarketEvent event) {
        UUID eventId = nextId();
        inFlight.add(new Delivery(eventId, event, Origin.MARKET, Listener.ESCROW));
        if (event instanceof LeaseAwarded || event instanceof LeaseClosed || event instanceof WorkVerified
                || event instanceof WorkRejected) {
            inFlight.add(new Delivery(eventId, event, Origin.MARKET, Listener.STAKE));
        }
    }

    private void requireNoMoneyMoved(int transfersBefore, Delivery delivery) {
        require(escrow.ledgerStore().transferCount() == transfersBefore, () ->
                "money moved for " + delivery.origin() + " " + delivery.event());
    }

    private static <E extends RuntimeException> E requireRefused(Class<E> expected, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException refused) {
            require(expected.isInstance(refused), () -> "expected " + expected.getSimpleName() + " but got " + refused);
            return expected.cast(refused);
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
        return take(list, random.nextInt(list.size()));
    }

    private static <T> T take(List<T> list, int index) {
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

    /** A participant with keys drawn from the seed, so that it can sign withdrawals. */
    private Wallet newWallet(boolean provider) {
        BigInteger privateKey = new BigInteger(256, new RandomBits(random))
                .mod(Sign.CURVE_PARAMS.getN().subtract(BigInteger.ONE)).add(BigInteger.ONE);
        Wallet wallet = new Wallet(ECKeyPair.create(privateKey), provider);
        wallets.put(wallet.address, wallet);
        walletList.add(wallet);
        return wallet;
    }

    private String newAddress() {
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
        DOWNTIME_RECORDED, LEASES_PAUSED, LEASES_RESUMED, LEASES_LAPSED, LEASES_SETTLED_ON_LAPSE,
        COLLATERAL_LOCKED, SLASHES_FOR_REJECTED_WORK, REJECTIONS_AFTER_LAPSE_NOT_SLASHED, SLASHES_FOR_LOST_LEASES,
        CLOSES_BEFORE_THEIR_VERDICT_AT_STAKE,
        UNBONDINGS, UNBONDING_REPLAYS, UNBONDING_KEY_REUSES_REFUSED, UNBONDINGS_REFUSED_FOR_FUNDS,
        UNBONDINGS_RELEASED, LEASES_LOST, LOST_LEASES_REFUNDED, RELISTINGS_HELD, RELISTING_HOLDS_REJECTED,
        AWARDS_FROM_RELISTINGS, WITHDRAWALS_REQUESTED, WITHDRAWAL_REPLAYS, WITHDRAWAL_KEY_REUSES_REFUSED,
        WITHDRAWALS_REFUSED_FOR_NONCE, WITHDRAWALS_REFUSED_FOR_DEADLINE, WITHDRAWALS_REFUSED_FOR_SIGNATURE,
        WITHDRAWALS_REFUSED_FOR_FUNDS, WITHDRAWALS_EXECUTED, WITHDRAWALS_COMPENSATED, DEPOSITS_REVERSED,
        DEPOSITS_REVERSED_INTO_DEBT, DEPOSITS_REVERSED_BEFORE_CREDIT, DEBTS_REPAID_BY_DEPOSITS,
        DEBTS_REPAID_BY_WITHDRAWALS
    }

    private enum Origin {
        /** A new event from another service. */
        MARKET,
        /** The broker delivering an event again (same event id). */
        BROKER_REDELIVERY,
        /** Another service emitting the same fact again under a new event id. */
        RE_EMISSION
    }

    /** One delivery of a record to one of escrow's consumer groups. */
    private record Delivery(UUID eventId, MarketEvent event, Origin origin, Listener listener) {
    }

    private record StakeRequest(String key, BigInteger amount, StakeReceipt receipt) {
    }

    private record UnbondRequest(String key, Unbonding unbonding) {
    }

    private record PreviousWithdrawal(String key, SignedWithdrawal signed, UUID id) {
    }

    /** A job as matching knows it; a lost lease re-lists it as a new listing of one replica. */
    private static final class SimulatedJob {
        private final UUID jobId;
        private final String consumer;
        private final BigInteger maxPricePerHour;
        private final long durationSeconds;
        private final List<String> excludedProviders = new ArrayList<>();
        private int replicas;
        private int listing = 1;
        /** Leases awarded from the latest listing whose LeaseFunded has not been read yet. */
        private int leasesAwaitingFunding;
        /** Posted or re-listed, and neither awarded, expired nor refused its hold yet. */
        private boolean auctionOpen = true;

        SimulatedJob(UUID jobId, String consumer, BigInteger maxPricePerHour, long durationSeconds, int replicas) {
            this.jobId = jobId;
            this.consumer = consumer;
            this.maxPricePerHour = maxPricePerHour;
            this.durationSeconds = durationSeconds;
            this.replicas = replicas;
        }

        void relist(String failedProvider) {
            listing++;
            replicas = 1;
            excludedProviders.add(failedProvider);
            auctionOpen = true;
        }

        /** What the latest listing holds: every replica at the maximum price for the whole duration. */
        BigInteger hold() {
            return BigInteger.valueOf(replicas).multiply(expectedCost(maxPricePerHour, durationSeconds));
        }

        /** The latest listing's held account. */
        AccountRef heldAccount() {
            return heldAccount(listing);
        }

        /** A listing's held account: the job's own for the first listing, "job#listing" after that. */
        AccountRef heldAccount(int ofListing) {
            return ofListing == 1 ? AccountRef.held(jobId)
                    : new AccountRef(jobId + "#" + ofListing, AccountPurpose.HELD);
        }
    }

    /**
     * A participant: its keys and the market's model of its accounts. Every provider account is modelled exactly;
     * a consumer's available balance is not (the metering tops its leases up from it), so for consumers only pending
     * withdrawals and debt are compared at every step, and {@code wealth} (all its money wherever it is) from time
     * to time.
     */
    private static final class Wallet {
        private final ECKeyPair key;
        private final String address;
        private final boolean provider;
        private final AccountRef available;
        private final AccountRef stake;
        private final AccountRef stakeLocked;
        private final AccountRef stakeUnbonding;
        private final AccountRef pending;
        private final AccountRef receivable;
        private BigInteger availableBalance = BigInteger.ZERO;
        private BigInteger freeStake = BigInteger.ZERO;
        private BigInteger lockedStake = BigInteger.ZERO;
        private BigInteger unbonding = BigInteger.ZERO;
        private BigInteger pendingWithdrawals = BigInteger.ZERO;
        /** What it owes after a reversed deposit (its RECEIVABLE is minus this). */
        private BigInteger owed = BigInteger.ZERO;
        private BigInteger wealth = BigInteger.ZERO;
        /** The amount of the latest unbonding or slash, which its StakeReduced must announce. */
        private BigInteger lastStakeReduction;
        private final List<BigInteger> usedNonces = new ArrayList<>();
        private PreviousWithdrawal lastWithdrawal;

        Wallet(ECKeyPair key, boolean provider) {
            this.key = key;
            this.address = WithdrawalSigner.addressOf(key);
            this.provider = provider;
            this.available = AccountRef.available(address);
            this.stake = AccountRef.stake(address);
            this.stakeLocked = AccountRef.stakeLocked(address);
            this.stakeUnbonding = AccountRef.stakeUnbonding(address);
            this.pending = AccountRef.pendingWithdrawal(address);
            this.receivable = AccountRef.receivable(address);
        }

        /** Bonded stake as the market counts it: free plus locked as collateral. */
        BigInteger bonded() {
            return freeStake.add(lockedStake);
        }

        void check(SimulatedEscrow escrow) {
            requireBalance(escrow, pending, pendingWithdrawals);
            requireBalance(escrow, receivable, owed.negate());
            if (provider) {
                requireBalance(escrow, available, availableBalance);
                requireBalance(escrow, stake, freeStake);
                requireBalance(escrow, stakeLocked, lockedStake);
                requireBalance(escrow, stakeUnbonding, unbonding);
            }
        }

        private static void requireBalance(SimulatedEscrow escrow, AccountRef account, BigInteger expected) {
            BigInteger actual = escrow.ledger.balanceOf(account);
            require(actual.equals(expected), () -> account + " is " + actual + ", the market expected " + expected);
        }
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
        /** Matching closed it as lost (missed heartbeats or a fault) before any verdict. */
        private boolean lost;
        private SettlementOutcome expectedOutcome;
        private BigInteger collateralLocked = BigInteger.ZERO;
        private BigInteger collateralSlashed = BigInteger.ZERO;
        private boolean collateralReleased;
        private boolean verdictAppliedAtStake;

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
