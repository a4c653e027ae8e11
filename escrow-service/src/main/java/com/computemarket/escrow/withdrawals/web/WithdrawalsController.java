package com.computemarket.escrow.withdrawals.web;

import com.computemarket.api.ApiProblem;
import com.computemarket.api.Caller;
import com.computemarket.api.IdempotencyKey;
import com.computemarket.api.NotFoundOrNotYours;
import com.computemarket.escrow.withdrawals.application.WithdrawalQueries;
import com.computemarket.escrow.withdrawals.application.WithdrawalRefusedException;
import com.computemarket.escrow.withdrawals.application.WithdrawalService;
import com.computemarket.escrow.withdrawals.model.SignedWithdrawal;
import com.computemarket.escrow.withdrawals.model.Withdrawal;
import com.computemarket.escrow.withdrawals.model.WithdrawalSignatures;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's withdrawals: request one signed by the caller, and see where each stands. */
@RestController
@RequestMapping("/api/v1/accounts/me/withdrawals")
class WithdrawalsController {

    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private final WithdrawalService withdrawals;
    private final WithdrawalQueries queries;

    WithdrawalsController(WithdrawalService withdrawals, WithdrawalQueries queries) {
        this.withdrawals = withdrawals;
        this.queries = queries;
    }

    @Operation(summary = "Withdraw from the vault with the caller's EIP-712 signature; debited at once")
    @PostMapping
    WithdrawalResponse request(Caller caller,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody WithdrawalRequestBody body) {
        Optional<String> key = IdempotencyKey.fromHeader(idempotencyKey).map(IdempotencyKey::value);
        if (body.to().equalsIgnoreCase(ZERO_ADDRESS)) {
            throw invalid("to", "must not be the zero address");
        }
        BigInteger nonce = new BigInteger(body.nonce());
        if (!WithdrawalSignatures.fitsUint256(nonce)) {
            throw invalid("nonce", "must fit in uint256");
        }
        BigInteger amount = new BigInteger(body.amount());
        if (!WithdrawalSignatures.fitsUint256(amount)) {
            throw invalid("amount", "must fit in uint256");
        }
        // The owner is the caller: a signature by anyone else is refused, whatever the body says.
        SignedWithdrawal signed = new SignedWithdrawal(caller.address(), body.to(), amount, nonce, body.deadline(),
                body.signature());
        try {
            return response(withdrawals.request(signed, key));
        } catch (WithdrawalRefusedException refused) {
            throw problem(refused);
        }
    }

    @Operation(summary = "The caller's latest 100 withdrawals, newest first")
    @GetMapping
    List<WithdrawalResponse> list(Caller caller) {
        return queries.latestOf(caller.address()).stream().map(WithdrawalsController::response).toList();
    }

    @GetMapping("/{withdrawalId}")
    WithdrawalResponse one(Caller caller, @PathVariable UUID withdrawalId) {
        return queries.ofOwner(withdrawalId, caller.address()).map(WithdrawalsController::response)
                .orElseThrow(() -> new NotFoundOrNotYours("withdrawal", withdrawalId, "withdrawalId"));
    }

    private static ApiProblem problem(WithdrawalRefusedException refused) {
        return switch (refused.reason()) {
            case DEADLINE_TOO_SOON -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "deadline-too-soon",
                    refused.getMessage(), refused.field());
            case SIGNATURE_INVALID -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "signature-invalid",
                    refused.getMessage(), refused.field());
            case NONCE_USED -> new ApiProblem(HttpStatus.CONFLICT, "nonce-used", refused.getMessage(),
                    refused.field());
            case INSUFFICIENT_FUNDS -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "insufficient-funds",
                    refused.getMessage(), refused.field());
            case IDEMPOTENCY_KEY_REUSED -> new ApiProblem(HttpStatus.CONFLICT, "idempotency-key-reused",
                    refused.getMessage(), refused.field());
        };
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", field + " " + message, field);
    }

    private static WithdrawalResponse response(Withdrawal withdrawal) {
        SignedWithdrawal signed = withdrawal.signed();
        return new WithdrawalResponse(withdrawal.id(), withdrawal.status().name(), signed.owner(), signed.to(),
                signed.amount().toString(), signed.nonce().toString(), signed.deadline(), withdrawal.chainId(),
                withdrawal.vault(), withdrawal.requestedAt(), withdrawal.settledAt(), withdrawal.txHash(),
                withdrawal.failureReason());
    }

    /** Amounts and nonces are decimal strings; {@code txHash} once EXECUTED, {@code failureReason} once FAILED. */
    record WithdrawalResponse(UUID withdrawalId, String status, String owner, String to, String amount, String nonce,
            long deadline, long chainId, String vault, Instant requestedAt, Instant settledAt, String txHash,
            String failureReason) {
    }
}
