package com.computemarket.verification.results.web;

import com.computemarket.verification.results.model.Bytes32;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** keccak256(jobId as 16 bytes big-endian ‖ resultDigest ‖ salt), 0x-prefixed. */
record CommitmentRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = Bytes32.PATTERN, message = "must be 0x followed by 64 hex digits")
        String commitment) {
}
