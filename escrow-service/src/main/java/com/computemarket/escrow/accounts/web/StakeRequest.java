package com.computemarket.escrow.accounts.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /api/v1/accounts/me/stake}: how many token base units to bond, as a decimal string. */
record StakeRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = "[1-9][0-9]{0,77}",
                message = "must be a positive whole number of token base units written as a decimal string")
        String amount) {
}
