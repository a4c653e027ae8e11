package com.computemarket.escrow.accounts.application;

import com.computemarket.escrow.MarketEventPublisher;
import com.computemarket.escrow.ledger.application.AppliedTransfer;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.IdempotencyKeyReusedException;
import com.computemarket.escrow.ledger.model.InsufficientFundsException;
import com.computemarket.escrow.ledger.model.TransferKind;
import com.computemarket.escrow.ledger.model.TransferRequest;
import com.computemarket.escrow.stake.application.BondedStake;
import com.computemarket.events.StakeBonded;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.IdGenerator;

/** Bonds provider stake from the provider's available balance. */
@Service
public class StakeService {

    private final Ledger ledger;
    private final StakeStore store;
    private final MarketEventPublisher events;
    private final Clock clock;
    private final IdGenerator ids;

    StakeService(Ledger ledger, StakeStore store, MarketEventPublisher events, Clock clock, IdGenerator ids) {
        this.ledger = ledger;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Moves {@code amount} from the provider's available balance to its stake. A request repeated with the same
     * idempotency key (scoped to the provider) bonds nothing more and returns the first receipt.
     *
     * @throws InsufficientFundsException if the available balance is smaller than {@code amount}
     * @throws IdempotencyKeyReusedException if the key was used before for a different amount
     */
    @Transactional
    public StakeReceipt bond(String provider, BigInteger amount, Optional<String> idempotencyKey) {
        String key = "stake:" + provider + ":" + idempotencyKey.orElseGet(() -> ids.generateId().toString());
        AppliedTransfer applied = ledger.apply(TransferRequest.move(key, TransferKind.STAKE_BOND, null, null,
                AccountRef.available(provider), AccountRef.stake(provider), amount));
        if (!applied.firstApplication()) {
            return store.find(applied.transfer().id()).orElseThrow();
        }
        StakeReceipt receipt = new StakeReceipt(applied.transfer().id(), provider, amount,
                BondedStake.of(ledger, provider));
        store.insert(receipt, clock.instant());
        events.publish(new StakeBonded(provider, amount, receipt.totalBonded()));
        return receipt;
    }
}
