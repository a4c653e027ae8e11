package com.computemarket.escrow.funding.model;

import com.computemarket.escrow.funding.model.MeterReading.Transition;
import com.computemarket.escrow.ledger.model.ProtocolFee;
import com.computemarket.events.LeasePricing;
import com.computemarket.events.SettlementOutcome;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * The escrow of one lease. It runs from {@code startsAt} (its award) to {@code endsAt} and is metered in whole
 * seconds: every second it runs (not paused) is billable, every second of recorded downtime is not, and what the
 * provider has earned is {@code cost(pricePerHour, billable − downtime)}. Its escrow is kept funded a prefund period
 * ahead from the consumer's balance; when that fails it pauses, and lapses if the grace period ends unpaid. It is
 * settled once: paid on a verified result, refunded on a rejected one, on lapsing, or when its job is cancelled.
 */
public final class LeaseEscrow {

    private final UUID leaseId;
    private final UUID jobId;
    private final int listing;
    private final String consumer;
    private final String provider;
    private final BigInteger pricePerHour;
    private final BigInteger amount;
    private final Instant fundedAt;
    private final Instant startsAt;
    private final Instant endsAt;
    private LeaseStatus status;
    private Instant meteredUntil;
    private long billableSeconds;
    private long downtimeSeconds;
    private BigInteger toppedUp;
    private Instant pausedAt;
    private Instant graceEndsAt;

    public LeaseEscrow(UUID leaseId, UUID jobId, int listing, String consumer, String provider,
            BigInteger pricePerHour, BigInteger amount, Instant fundedAt, Instant startsAt, Instant endsAt,
            LeaseStatus status, Instant meteredUntil, long billableSeconds, long downtimeSeconds,
            BigInteger toppedUp, Instant pausedAt, Instant graceEndsAt) {
        this.leaseId = Objects.requireNonNull(leaseId);
        this.jobId = Objects.requireNonNull(jobId);
        this.listing = listing;
        this.consumer = Objects.requireNonNull(consumer);
        this.provider = Objects.requireNonNull(provider);
        this.pricePerHour = Objects.requireNonNull(pricePerHour);
        this.amount = Objects.requireNonNull(amount);
        this.fundedAt = Objects.requireNonNull(fundedAt);
        this.startsAt = Objects.requireNonNull(startsAt);
        this.endsAt = Objects.requireNonNull(endsAt);
        this.status = Objects.requireNonNull(status);
        this.meteredUntil = Objects.requireNonNull(meteredUntil);
        this.billableSeconds = billableSeconds;
        this.downtimeSeconds = downtimeSeconds;
        this.toppedUp = Objects.requireNonNull(toppedUp);
        this.pausedAt = pausedAt;
        this.graceEndsAt = graceEndsAt;
        if (amount.signum() <= 0) {
            throw new IllegalFundingMoveException("lease " + leaseId + " would be funded with " + amount);
        }
        if (endsAt.isBefore(startsAt)) {
            throw new IllegalFundingMoveException("lease " + leaseId + " would end before it starts");
        }
    }

    /**
     * A lease just funded from its listing's hold with {@code amount}: the cost of its first prefund period (or of
     * its whole duration, if shorter). It starts, and is metered from, its award.
     */
    static LeaseEscrow funded(UUID leaseId, UUID jobId, int listing, String consumer, String provider,
            BigInteger pricePerHour, BigInteger amount, Instant awardedAt, long durationSeconds, Instant at) {
        Instant startsAt = awardedAt.truncatedTo(ChronoUnit.SECONDS);
        return new LeaseEscrow(leaseId, jobId, listing, consumer, provider, pricePerHour, amount, at, startsAt,
                startsAt.plusSeconds(durationSeconds), LeaseStatus.FUNDED, startsAt, 0, 0, BigInteger.ZERO, null,
                null);
    }

    /**
     * What escrow funds a lease with at its award: its first prefund period, or the whole lease if that is shorter
     * or if a prefund period of it costs nothing (at a price of a few base units an hour, it rounds down to zero).
     */
    public static BigInteger initialFunding(BigInteger pricePerHour, long durationSeconds, FundingTerms terms) {
        BigInteger prefund = LeasePricing.cost(pricePerHour,
                Math.min(durationSeconds, terms.prefundPeriod().toSeconds()));
        return prefund.signum() > 0 ? prefund : LeasePricing.cost(pricePerHour, durationSeconds);
    }

    /**
     * Meters the lease up to {@code now}: counts the seconds it ran since it was last metered, decides how much to
     * top up from the consumer's balance and how much the provider has newly earned, and pauses, resumes or lapses
     * it. The caller moves the money as the reading says.
     */
    public MeterReading meter(Instant now, LeaseBalances balances, FundingTerms terms) {
        meterUntil(now);
        BigInteger unaccrued = earnedSoFar().subtract(balances.earned()).max(BigInteger.ZERO);
        long secondsLeft = Math.max(0, Duration.between(now, endsAt).toSeconds());
        BigInteger cover = LeasePricing.cost(pricePerHour, Math.min(secondsLeft, terms.prefundPeriod().toSeconds()));
        BigInteger needed = unaccrued.add(cover).subtract(balances.escrow()).max(BigInteger.ZERO);
        BigInteger topUp = status == LeaseStatus.FUNDED || balances.consumerAvailable().compareTo(needed) >= 0
                ? needed.min(balances.consumerAvailable())
                : BigInteger.ZERO;
        toppedUp = toppedUp.add(topUp);
        BigInteger escrowAfterTopUp = balances.escrow().add(topUp);
        BigInteger accrual = unaccrued.min(escrowAfterTopUp);
        BigInteger escrowAfter = escrowAfterTopUp.subtract(accrual);
        BigInteger shortfall = needed.subtract(topUp);
        return new MeterReading(topUp, accrual, transition(now, secondsLeft, accrual.compareTo(unaccrued) < 0,
                escrowAfter, cover, terms), shortfall);
    }

    /**
     * Counts the whole seconds the lease ran (was not paused) since it was last metered, up to {@code now} or its
     * end, whichever is first; moves no money. Settlements meter this way just before they split the lease.
     */
    public void meterUntil(Instant now) {
        requireOpen();
        Instant until = min(now, endsAt).truncatedTo(ChronoUnit.SECONDS);
        if (until.isAfter(meteredUntil)) {
            if (status == LeaseStatus.FUNDED) {
                billableSeconds += Duration.between(meteredUntil, until).toSeconds();
            }
            meteredUntil = until;
        }
    }

    private Transition transition(Instant now, long secondsLeft, boolean accrualShort, BigInteger escrowAfter,
            BigInteger cover, FundingTerms terms) {
        if (status == LeaseStatus.FUNDED) {
            BigInteger nextInterval = LeasePricing.cost(pricePerHour,
                    Math.min(secondsLeft, terms.accrualInterval().toSeconds()));
            if (accrualShort || escrowAfter.compareTo(nextInterval) < 0) {
                status = LeaseStatus.PAUSED;
                pausedAt = now;
                graceEndsAt = now.plus(terms.gracePeriod());
                return Transition.PAUSED;
            }
            return Transition.NONE;
        }
        if (!accrualShort && escrowAfter.compareTo(cover) >= 0) {
            status = LeaseStatus.FUNDED;
            pausedAt = null;
            graceEndsAt = null;
            return Transition.RESUMED;
        }
        return now.isBefore(graceEndsAt) ? Transition.NONE : Transition.LAPSED;
    }

    /**
     * Records a stretch of missed heartbeats: its seconds within the lease stop being billable.
     *
     * @return what to refund from the lease's escrow now: the stretch's cost, but never more than the escrow holds
     */
    public BigInteger recordDowntime(Instant startedAt, Instant endedAt, BigInteger escrowBalance) {
        requireOpen();
        long seconds = downtimeSecondsWithinLease(startedAt, endedAt);
        downtimeSeconds += seconds;
        return LeasePricing.cost(pricePerHour, seconds).min(escrowBalance);
    }

    /**
     * How many seconds of the stretch fall within the lease's run, and before its pause while it is paused: a paused
     * lease earns nothing, so a provider silent during the pause (as it was told to be) is not down, and counting
     * those seconds again as downtime would take them off what it earned before the pause.
     */
    public long downtimeSecondsWithinLease(Instant startedAt, Instant endedAt) {
        Instant from = max(startedAt, startsAt);
        Instant to = min(endedAt, endsAt);
        if (status == LeaseStatus.PAUSED) {
            to = min(to, pausedAt.truncatedTo(ChronoUnit.SECONDS));
        }
        return to.isAfter(from) ? Duration.between(from, to).toSeconds() : 0;
    }

    /** What the provider has earned so far: its billable seconds, less downtime, at the lease's price. */
    public BigInteger earnedSoFar() {
        return LeasePricing.cost(pricePerHour, Math.max(0, billableSeconds - downtimeSeconds));
    }

    /** The work was verified: the provider is paid what it earned less the protocol fee; the rest goes back. */
    public Settlement pay(String verifiedProvider, LeaseBalances balances, int feeBps, UUID settlementId,
            Instant at) {
        requireVerdictApplies(verifiedProvider);
        status = LeaseStatus.PAID;
        return payEarned(balances, feeBps, settlementId, at, null);
    }

    /** The work was rejected: everything the lease holds goes back to the consumer. */
    public Settlement refund(String rejectedProvider, LeaseBalances balances, UUID settlementId, Instant at) {
        requireVerdictApplies(rejectedProvider);
        status = LeaseStatus.REFUNDED;
        return new Settlement(settlementId, leaseId, SettlementOutcome.REFUNDED, BigInteger.ZERO, BigInteger.ZERO,
                balances.inLease(), at);
    }

    /** The grace period ended unpaid: the provider is paid what it earned until the pause; the rest goes back. */
    public Settlement lapse(LeaseBalances balances, int feeBps, UUID settlementId, Instant at) {
        if (status != LeaseStatus.PAUSED || at.isBefore(graceEndsAt)) {
            throw new IllegalFundingMoveException("lease " + leaseId + " is " + status + " and cannot lapse at " + at);
        }
        status = LeaseStatus.LAPSED;
        return payEarned(balances, feeBps, settlementId, at, SettlementOutcome.LAPSED);
    }

    /**
     * The consumer cancelled the job at {@code closedAt}: the provider is paid what the lease earned until then, less
     * the protocol fee; the rest goes back. The lease is metered up to the cancel; seconds a metering pass already
     * counted after it (the pass may run before the close reaches escrow) stop being billable, since nothing is
     * earned after a cancel.
     */
    public Settlement cancel(String closedProvider, Instant closedAt, LeaseBalances balances, int feeBps,
            UUID settlementId, Instant at) {
        requireVerdictApplies(closedProvider);
        Instant cancelledAt = min(closedAt, endsAt).truncatedTo(ChronoUnit.SECONDS);
        if (cancelledAt.isAfter(meteredUntil)) {
            meterUntil(cancelledAt);
        } else {
            billableSeconds -= Math.min(billableSeconds, secondsBilledSince(cancelledAt));
        }
        status = LeaseStatus.CANCELLED;
        return payEarned(balances, feeBps, settlementId, at, SettlementOutcome.CANCELLED);
    }

    /**
     * Billable seconds counted from {@code since} to the last metering: a running lease billed all of them; a paused
     * one those up to its pause. A pause and a resume both after {@code since} are not told apart (the whole stretch
     * counts as billed), which can only take back more, in the consumer's favour.
     */
    private long secondsBilledSince(Instant since) {
        Instant billedUntil = status == LeaseStatus.PAUSED
                ? min(pausedAt, meteredUntil).truncatedTo(ChronoUnit.SECONDS)
                : meteredUntil;
        Instant from = max(since, startsAt);
        return billedUntil.isAfter(from) ? Duration.between(from, billedUntil).toSeconds() : 0;
    }

    /** {@code fixedOutcome} names a lapse or a cancel; otherwise the outcome says whether anything was paid. */
    private Settlement payEarned(LeaseBalances balances, int feeBps, UUID settlementId, Instant at,
            SettlementOutcome fixedOutcome) {
        BigInteger due = earnedSoFar().min(balances.inLease());
        BigInteger fee = ProtocolFee.of(due, feeBps);
        SettlementOutcome outcome = fixedOutcome != null ? fixedOutcome
                : due.signum() > 0 ? SettlementOutcome.PAID : SettlementOutcome.REFUNDED;
        return new Settlement(settlementId, leaseId, outcome, due.subtract(fee), fee,
                balances.inLease().subtract(due), at);
    }

    private void requireOpen() {
        if (!status.isOpen()) {
            throw new IllegalFundingMoveException("lease " + leaseId + " is already " + status);
        }
    }

    private void requireVerdictApplies(String verdictProvider) {
        requireOpen();
        if (!provider.equalsIgnoreCase(verdictProvider)) {
            throw new IllegalFundingMoveException("verdict on lease " + leaseId + " names provider "
                    + verdictProvider + " but the lease is " + provider + "'s");
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    public UUID leaseId() {
        return leaseId;
    }

    public UUID jobId() {
        return jobId;
    }

    /** Which listing of the job (which hold) funded the lease. */
    public int listing() {
        return listing;
    }

    public String consumer() {
        return consumer;
    }

    public String provider() {
        return provider;
    }

    public BigInteger pricePerHour() {
        return pricePerHour;
    }

    /** What the lease was funded with at its award. */
    public BigInteger amount() {
        return amount;
    }

    public Instant fundedAt() {
        return fundedAt;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public LeaseStatus status() {
        return status;
    }

    /** Up to when the lease has been metered: no second before it will be counted again. */
    public Instant meteredUntil() {
        return meteredUntil;
    }

    public long billableSeconds() {
        return billableSeconds;
    }

    public long downtimeSeconds() {
        return downtimeSeconds;
    }

    /** Everything topped up from the consumer's balance after the award; it names top-ups in idempotency keys. */
    public BigInteger toppedUp() {
        return toppedUp;
    }

    public Instant pausedAt() {
        return pausedAt;
    }

    public Instant graceEndsAt() {
        return graceEndsAt;
    }
}
