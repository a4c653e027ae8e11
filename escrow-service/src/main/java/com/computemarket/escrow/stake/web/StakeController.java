package com.computemarket.escrow.stake.web;

import com.computemarket.api.ApiProblem;
import com.computemarket.api.Caller;
import com.computemarket.api.IdempotencyKey;
import com.computemarket.escrow.ledger.model.IdempotencyKeyReusedException;
import com.computemarket.escrow.ledger.model.InsufficientFundsException;
import com.computemarket.escrow.stake.application.StakeQueries;
import com.computemarket.escrow.stake.application.StakeStatus;
import com.computemarket.escrow.stake.application.UnbondingService;
import com.computemarket.escrow.stake.model.SlashRecord;
import com.computemarket.escrow.stake.model.Unbonding;
import jakarta.validation.Valid;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own stake: its status, and unbonding free stake through the cooldown. */
@RestController
@RequestMapping("/api/v1/accounts/me/stake")
class StakeController {

    private final StakeQueries stakes;
    private final UnbondingService unbondings;

    StakeController(StakeQueries stakes, UnbondingService unbondings) {
        this.stakes = stakes;
        this.unbondings = unbondings;
    }

    @GetMapping
    StakeStatusResponse status(Caller caller) {
        StakeStatus status = stakes.statusOf(caller.address());
        return new StakeStatusResponse(status.provider(), status.free().toString(),
                status.lockedCollateral().toString(), status.unbonding().toString(), status.totalBonded().toString(),
                status.unbondings().stream().map(StakeController::unbondingResponse).toList(),
                status.slashes().stream().map(StakeController::slashResponse).toList());
    }

    @PostMapping("/unbond")
    UnbondingResponse unbond(Caller caller,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody UnbondRequest request) {
        Optional<String> key = IdempotencyKey.fromHeader(idempotencyKey).map(IdempotencyKey::value);
        BigInteger amount = new BigInteger(request.amount());
        try {
            return unbondingResponse(unbondings.unbond(caller.address(), amount, key));
        } catch (InsufficientFundsException refused) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "insufficient-stake", "Cannot unbond " + amount
                    + ": the free stake (not locked as lease collateral) is " + refused.available() + ".", "amount");
        } catch (IdempotencyKeyReusedException reused) {
            throw new ApiProblem(HttpStatus.CONFLICT, "idempotency-key-reused",
                    "This Idempotency-Key was already used to unbond a different amount.", IdempotencyKey.HEADER);
        }
    }

    private static UnbondingResponse unbondingResponse(Unbonding unbonding) {
        return new UnbondingResponse(unbonding.transferId(), unbonding.provider(), unbonding.amount().toString(),
                unbonding.totalBonded().toString(), unbonding.requestedAt(), unbonding.withdrawableAt(),
                unbonding.released() ? "RELEASED" : "UNBONDING", unbonding.releasedAt());
    }

    private static SlashResponse slashResponse(SlashRecord slash) {
        return new SlashResponse(slash.transferId(), slash.leaseId(), slash.cause().name(), slash.policy(),
                slash.share().amount().toString(), slash.share().toConsumer().toString(),
                slash.share().toSlashedFunds().toString(), slash.evidenceEventId(), slash.evidence(),
                slash.slashedAt());
    }

    /** Amounts are decimal strings of token base units; {@code totalBonded = free + lockedCollateral}. */
    record StakeStatusResponse(String provider, String free, String lockedCollateral, String unbonding,
            String totalBonded, List<UnbondingResponse> unbondings, List<SlashResponse> slashes) {
    }

    /** {@code status} is UNBONDING until the cooldown has passed and the amount is back in the available balance. */
    record UnbondingResponse(UUID unbondingId, String provider, String amount, String totalBonded,
            Instant requestedAt, Instant withdrawableAt, String status, Instant releasedAt) {
    }

    record SlashResponse(UUID transferId, UUID leaseId, String cause, String policy, String amount, String toConsumer,
            String toSlashedFunds, UUID evidenceEventId, String evidence, Instant slashedAt) {
    }
}
