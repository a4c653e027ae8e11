package com.computemarket.escrow.stake.application;

import com.computemarket.escrow.MarketEventPublisher;
import com.computemarket.escrow.ledger.application.AppliedTransfer;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.IdempotencyKeyReusedException;
import com.computemarket.escrow.ledger.model.InsufficientFundsException;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import com.computemarket.escrow.stake.model.Unbonding;
import com.computemarket.events.StakeReduced;
import com.computemarket.events.StakeReductionCause;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.IdGenerator;

/**
 * Unbonds provider stake: the amount leaves the free stake at once (collateral locked by leases is in another account
 * and cannot be unbonded) and returns to the available balance after the cooldown.
 */
@Service
public class UnbondingService {

    /** How many unbondings one release pass takes; the next pass takes the rest. */
    static final int RELEASE_BATCH = 200;

    private final Ledger ledger;
    private final StakeLifecycleStore store;
    private final MarketEventPublisher events;
    private final StakeProperties properties;
    private final Clock clock;
    private final IdGenerator ids;

    UnbondingService(Ledger ledger, StakeLifecycleStore store, MarketEventPublisher events, StakeProperties properties,
            Clock clock, IdGenerator ids) {
        this.ledger = ledger;
        this.store = store;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Moves {@code amount} from the provider's free stake to unbonding. A request repeated with the same idempotency
     * key (scoped to the provider) unbonds nothing more and returns the first answer.
     *
     * @throws InsufficientFundsException if the free stake is smaller than {@code amount}
     * @throws IdempotencyKeyReusedException if the key was used before for a different amount
     */
    @Transactional
    public Unbonding unbond(String provider, BigInteger amount, Optional<String> idempotencyKey) {
        String key = "unbond:" + provider + ":" + idempotencyKey.orElseGet(() -> ids.generateId().toString());
        AppliedTransfer applied = ledger.apply(TransferRequest.move(key, TransferKind.STAKE_UNBOND, null, null,
                AccountRef.stake(provider), AccountRef.stakeUnbonding(provider), amount));
        if (!applied.firstApplication()) {
            return store.findUnbonding(applied.transfer().id()).orElseThrow();
        }
        // PostgreSQL keeps microseconds: the first answer must equal what a replay reads back.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        BigInteger totalBonded = BondedStake.of(ledger, provider);
        Unbonding unbonding = new Unbonding(applied.transfer().id(), provider, amount, totalBonded, now,
                now.plus(properties.unbondingCooldown()), null);
        store.insert(unbonding);
        events.publish(new StakeReduced(provider, StakeReductionCause.UNBONDING, amount, totalBonded, null));
        return unbonding;
    }

    /**
     * Returns to the available balance every unbonding whose cooldown has passed at {@code now} (up to one batch);
     * answers how many it released. Safe to run from several instances at once: each unbonding is taken by one
     * transaction only, and its ledger transfer has its own idempotency key.
     */
    @Transactional
    public int releaseWithdrawable(Instant now) {
        List<Unbonding> due = store.lockWithdrawableUnbondings(now, RELEASE_BATCH);
        for (Unbonding unbonding : due) {
            ledger.apply(TransferRequest.move("unbond-release:" + unbonding.transferId(),
                    TransferKind.STAKE_UNBOND_RELEASE, null, null, AccountRef.stakeUnbonding(unbonding.provider()),
                    AccountRef.available(unbonding.provider()), unbonding.amount()));
            store.markReleased(unbonding.transferId(), now);
        }
        return due.size();
    }
}
