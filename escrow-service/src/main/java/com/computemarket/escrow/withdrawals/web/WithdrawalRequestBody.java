package com.computemarket.escrow.withdrawals.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * Body of {@code POST /api/v1/accounts/me/withdrawals}: the EIP-712 {@code Withdrawal} the caller signed (its
 * {@code owner} is the caller) and the signature. Amount and nonce are decimal strings (uint256).
 */
record WithdrawalRequestBody(
        @NotNull(message = "is required")
        @Pattern(regexp = "0x[0-9a-fA-F]{40}", message = "must be a 0x-prefixed 20-byte hex address")
        String to,
        @NotNull(message = "is required")
        @Pattern(regexp = "[1-9][0-9]{0,77}",
                message = "must be a positive whole number of token base units written as a decimal string")
        String amount,
        @NotNull(message = "is required")
        @Pattern(regexp = "0|[1-9][0-9]{0,77}", message = "must be a whole number written as a decimal string")
        String nonce,
        @NotNull(message = "is required")
        @Positive(message = "must be a Unix time in seconds")
        Long deadline,
        @NotNull(message = "is required")
        @Pattern(regexp = "0x[0-9a-fA-F]{130}", message = "must be a 0x-prefixed 65-byte hex signature (r, s, v)")
        String signature) {
}
