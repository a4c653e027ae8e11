package com.computemarket.escrow.stake.application;

import com.computemarket.escrow.stake.model.ProportionalSlashPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Provider stake settings.
 *
 * @param unbondingCooldown how long unbonded stake waits before it returns to the available balance
 * @param releaseInterval   pause between two passes that release unbondings whose cooldown has passed
 * @param collateralBps     share of a lease's value locked from its provider's free stake while the lease runs
 * @param slashing          the "Proportional Slash v1" policy's shares
 */
@Validated
@ConfigurationProperties("escrow.stake")
public record StakeProperties(
        @DefaultValue("7d") @NotNull Duration unbondingCooldown,
        @DefaultValue("30s") @NotNull Duration releaseInterval,
        @DefaultValue("1000") @Min(0) @Max(10_000) int collateralBps,
        @Valid @DefaultValue Slashing slashing) {

    /**
     * @param rejectedWorkBps  share of a lease's locked collateral taken when its result is rejected
     * @param lostLeaseBps     share taken when the lease closes with HEARTBEAT_LOST or PROVIDER_FAULT
     * @param consumerShareBps share of each slash paid to the lease's consumer; the rest goes to slashed funds
     */
    public record Slashing(
            @DefaultValue("5000") @Min(0) @Max(10_000) int rejectedWorkBps,
            @DefaultValue("2500") @Min(0) @Max(10_000) int lostLeaseBps,
            @DefaultValue("5000") @Min(0) @Max(10_000) int consumerShareBps) {

        public ProportionalSlashPolicy policy() {
            return new ProportionalSlashPolicy(rejectedWorkBps, lostLeaseBps, consumerShareBps);
        }
    }
}
