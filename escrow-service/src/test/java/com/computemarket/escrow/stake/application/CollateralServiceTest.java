package com.computemarket.escrow.stake.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.computemarket.escrow.TestParties;
import com.computemarket.escrow.UndoLog;
import com.computemarket.escrow.ledger.application.InMemoryLedgerStore;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.application.LedgerWiring;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.Posting;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import com.computemarket.escrow.stake.model.SlashCause;
import com.computemarket.events.LeaseAwarded;
import com.computemarket.events.LeaseCloseReason;
import com.computemarket.events.LeaseClosed;
import com.computemarket.events.MarketEvent;
import com.computemarket.events.StakeReduced;
import com.computemarket.events.VerificationMode;
import com.computemarket.events.WorkRejected;
import com.computemarket.events.WorkVerified;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.SimpleIdGenerator;

/**
 * Collateral when the stake listener sees a lease's close before its verdict: matching closes a lease COMPLETED or
 * VERIFICATION_FAILED once escrow's funding settled it on its verdict, while the stake listener reads verdicts on
 * another topic, in its own consumer group, and may not have applied that verdict yet. The seeded simulation found
 * that the close released the collateral and the late WorkRejected then had nothing left to slash.
 */
class CollateralServiceTest {

    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final InMemoryLedgerStore ledgerStore = new InMemoryLedgerStore();
    private final InMemoryStakeLifecycleStore store = new InMemoryStakeLifecycleStore(new UndoLog());
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Ledger ledger = LedgerWiring.ledger(ledgerStore, clock, new SimpleIdGenerator());
    private final List<MarketEvent> published = new ArrayList<>();
    /** The leases escrow's funding settled without a verdict (lapsed, or their job cancelled). */
    private final Set<UUID> settledWithoutVerdict = new HashSet<>();
    private final CollateralService collateral = new CollateralService(ledger, store, published::add,
            new StakeProperties(Duration.ofDays(7), Duration.ofSeconds(30), 1000,
                    new StakeProperties.Slashing(5000, 2500, 5000)), settledWithoutVerdict::contains, clock);

    private final String provider = TestParties.newAddress();
    private final String consumer = TestParties.newAddress();
    private final UUID leaseId = UUID.randomUUID();
    private final UUID jobId = UUID.randomUUID();

    @BeforeEach
    void providerBondedStakeAndWonALease() {
        ledger.apply(new TransferRequest("stake-" + provider, TransferKind.STAKE_BOND, null, null, List.of(
                Posting.debit(AccountRef.vaultMirror(), TOKEN.multiply(BigInteger.valueOf(100))),
                Posting.credit(AccountRef.stake(provider), TOKEN.multiply(BigInteger.valueOf(100))))));
        // 10 tokens an hour for an hour: 10 % of its value, 1 token, is locked.
        collateral.lockFor(new LeaseAwarded(leaseId, jobId, consumer, provider, TOKEN.multiply(BigInteger.TEN), 3600,
                1, 1, VerificationMode.NONE, NOW));
        assertThat(ledger.balanceOf(AccountRef.stakeLocked(provider))).isEqualTo(TOKEN);
    }

    @Test
    void aRejectedLeaseClosedBeforeTheStakeListenerSawItsVerdictIsStillSlashedWhenTheVerdictComes() {
        collateral.settleOnClose(new LeaseClosed(leaseId, jobId, provider, LeaseCloseReason.VERIFICATION_FAILED,
                NOW), UUID.randomUUID());

        assertThat(ledger.balanceOf(AccountRef.stakeLocked(provider))).as("still locked for the verdict")
                .isEqualTo(TOKEN);

        UUID verdictEventId = UUID.randomUUID();
        collateral.slashFor(new WorkRejected(leaseId, jobId, provider, "OUTVOTED", "0xabc"), verdictEventId);

        BigInteger half = TOKEN.divide(BigInteger.TWO);
        BigInteger quarter = TOKEN.divide(BigInteger.valueOf(4));
        assertThat(store.slashesOf(provider, 10)).singleElement().satisfies(slash -> {
            assertThat(slash.cause()).isEqualTo(SlashCause.WORK_REJECTED);
            assertThat(slash.share().amount()).isEqualTo(half);
            assertThat(slash.evidenceEventId()).isEqualTo(verdictEventId);
        });
        assertThat(ledger.balanceOf(AccountRef.available(consumer))).isEqualTo(quarter);
        assertThat(ledger.balanceOf(AccountRef.slashedFunds())).isEqualTo(quarter);
        assertThat(ledger.balanceOf(AccountRef.stakeLocked(provider))).isZero();
        assertThat(ledger.balanceOf(AccountRef.stake(provider)))
                .isEqualTo(TOKEN.multiply(BigInteger.valueOf(100)).subtract(half));
        assertThat(published).singleElement().isInstanceOfSatisfying(StakeReduced.class,
                reduced -> assertThat(reduced.amount()).isEqualTo(half));
    }

    @Test
    void aVerifiedLeaseClosedBeforeTheStakeListenerSawItsVerdictIsReleasedWholeByTheVerdict() {
        collateral.settleOnClose(new LeaseClosed(leaseId, jobId, provider, LeaseCloseReason.COMPLETED, NOW),
                UUID.randomUUID());
        assertThat(ledger.balanceOf(AccountRef.stakeLocked(provider))).isEqualTo(TOKEN);

        collateral.releaseFor(new WorkVerified(leaseId, jobId, provider, "0xdef"));

        assertThat(ledger.balanceOf(AccountRef.stakeLocked(provider))).isZero();
        assertThat(ledger.balanceOf(AccountRef.stake(provider))).isEqualTo(TOKEN.multiply(BigInteger.valueOf(100)));
        assertThat(store.slashesOf(provider, 10)).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void aLapsedLeaseIsReleasedWholeOnItsCloseAndALateRejectionSlashesNothing() {
        settledWithoutVerdict.add(leaseId);
        collateral.settleOnClose(new LeaseClosed(leaseId, jobId, provider, LeaseCloseReason.INSUFFICIENT_FUNDS,
                NOW), UUID.randomUUID());
        assertThat(ledger.balanceOf(AccountRef.stakeLocked(provider))).isZero();

        collateral.slashFor(new WorkRejected(leaseId, jobId, provider, "COMMITMENT_MISMATCH", "0xabc"),
                UUID.randomUUID());

        assertThat(store.slashesOf(provider, 10)).isEmpty();
        assertThat(ledger.balanceOf(AccountRef.stake(provider))).isEqualTo(TOKEN.multiply(BigInteger.valueOf(100)));
        assertThat(published).isEmpty();
    }

    @Test
    void aRejectionReachingTheStakeListenerBeforeTheCloseOfALapsedLeaseReleasesItWholeToo() {
        settledWithoutVerdict.add(leaseId);
        collateral.slashFor(new WorkRejected(leaseId, jobId, provider, "COMMITMENT_MISMATCH", "0xabc"),
                UUID.randomUUID());
        assertThat(ledger.balanceOf(AccountRef.stakeLocked(provider))).isZero();

        collateral.settleOnClose(new LeaseClosed(leaseId, jobId, provider, LeaseCloseReason.INSUFFICIENT_FUNDS,
                NOW), UUID.randomUUID());

        assertThat(store.slashesOf(provider, 10)).isEmpty();
        assertThat(ledger.balanceOf(AccountRef.stake(provider))).isEqualTo(TOKEN.multiply(BigInteger.valueOf(100)));
        assertThat(published).isEmpty();
    }

    @Test
    void aLeaseLostToItsProviderIsSlashedOnItsClose() {
        collateral.settleOnClose(new LeaseClosed(leaseId, jobId, provider, LeaseCloseReason.HEARTBEAT_LOST, NOW),
                UUID.randomUUID());

        BigInteger quarterOfCollateral = TOKEN.divide(BigInteger.valueOf(4));
        assertThat(store.slashesOf(provider, 10)).singleElement()
                .satisfies(slash -> assertThat(slash.cause()).isEqualTo(SlashCause.LEASE_LOST));
        assertThat(ledger.balanceOf(AccountRef.stakeLocked(provider))).isZero();
        assertThat(ledger.balanceOf(AccountRef.stake(provider)))
                .isEqualTo(TOKEN.multiply(BigInteger.valueOf(100)).subtract(quarterOfCollateral));
    }
}
