package com.computemarket.escrow;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Escrow's settings.
 *
 * @param fees  what the protocol keeps from settlements
 * @param token the token the ledger counts in (amounts are integers of its base unit)
 * @param invariants how often the ledger's invariants are checked
 */
@Validated
@ConfigurationProperties("escrow")
public record EscrowProperties(@Valid @DefaultValue Fees fees, @Valid @DefaultValue Token token,
        @Valid @DefaultValue Invariants invariants) {

    /** @param protocolFeeBps share of a paid lease's escrow the protocol keeps, in basis points (250 = 2.5 %) */
    public record Fees(@DefaultValue("250") @Min(0) @Max(10_000) int protocolFeeBps) {
    }

    /**
     * @param symbol   the token's symbol, shown to clients beside amounts
     * @param decimals how many decimals the token has (amounts are in units of 10^-decimals tokens)
     */
    public record Token(@DefaultValue("CMT") @NotBlank String symbol, @DefaultValue("18") @Min(0) @Max(77) int decimals) {
    }

    /** @param checkInterval pause between two checks of the ledger's invariants (the first runs at start-up) */
    public record Invariants(@DefaultValue("30s") @NotNull Duration checkInterval) {
    }
}
