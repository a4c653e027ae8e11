package com.computemarket.escrow.stake.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /api/v1/accounts/me/stake/unbond}: how many token base units to unbond, as a decimal string. */
record UnbondRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = "[1-9][0-9]{0,77}",
                message = "must be a positive whole number of token base units written as a decimal string")
        String amount) {
}
