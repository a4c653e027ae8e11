package com.computemarket.verification.results.web;

import com.computemarket.verification.results.model.Bytes32;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

record RevealRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = Bytes32.PATTERN, message = "must be 0x followed by 64 hex digits")
        String resultDigest,
        @NotNull(message = "is required")
        @Pattern(regexp = Bytes32.PATTERN, message = "must be 0x followed by 64 hex digits")
        String salt) {
}
