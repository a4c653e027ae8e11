package com.computemarket.chain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code chain.*}.
 *
 * @param rpcUrl JSON-RPC endpoint of the node
 * @param operatorPrivateKey hot key that deploys, anchors and withdraws (local default: a PUBLIC Anvil key)
 * @param adminAddress cold key that holds DEFAULT_ADMIN_ROLE on deployed contracts; blank means the operator
 * @param deployIfMissing deploy the contracts when {@code contracts.*} are blank and none are stored for this chain
 * @param contracts addresses of already deployed contracts (all three or none)
 * @param confirmations blocks a Deposit log must be buried under before it counts
 * @param pollInterval pause between two scans for Deposit logs
 * @param maxBlockRange most blocks read with one eth_getLogs call
 * @param startBlock first block scanned for Deposit logs of configured (not self-deployed) contracts
 * @param batch settlement batching
 */
@Validated
@ConfigurationProperties("chain")
public record ChainProperties(
        @NotBlank @DefaultValue("http://127.0.0.1:8545") String rpcUrl,
        @NotBlank @Pattern(regexp = "(0x)?[0-9a-fA-F]{64}", message = "must be 32 bytes of hex") String operatorPrivateKey,
        @DefaultValue("") String adminAddress,
        @DefaultValue("true") boolean deployIfMissing,
        @Valid @NotNull @DefaultValue Contracts contracts,
        @Min(0) @DefaultValue("2") int confirmations,
        @NotNull @DefaultValue("500ms") Duration pollInterval,
        @Min(1) @DefaultValue("1000") int maxBlockRange,
        @Min(0) @DefaultValue("0") long startBlock,
        @Valid @NotNull @DefaultValue Batch batch) {

    /** Never prints the operator key. */
    @Override
    public String toString() {
        return "ChainProperties[rpcUrl=" + rpcUrl + ", adminAddress=" + adminAddress + ", deployIfMissing="
                + deployIfMissing + ", contracts=" + contracts + ", confirmations=" + confirmations + ", pollInterval="
                + pollInterval + ", maxBlockRange=" + maxBlockRange + ", startBlock=" + startBlock + ", batch=" + batch
                + "]";
    }

    /** Addresses of deployed contracts; blank when this service should deploy (or reuse what it deployed). */
    public record Contracts(
            @DefaultValue("") String token,
            @DefaultValue("") String vault,
            @DefaultValue("") String anchor) {

        public boolean configured() {
            return !token.isBlank() && !vault.isBlank() && !anchor.isBlank();
        }

        public boolean partlyConfigured() {
            return !configured() && !(token.isBlank() && vault.isBlank() && anchor.isBlank());
        }
    }

    /**
     * @param maxSize a batch closes as soon as it has this many settlements
     * @param maxAge a batch closes once its oldest settlement waited this long
     * @param checkInterval how often the batcher looks at pending settlements
     */
    public record Batch(
            @Min(1) @DefaultValue("100") int maxSize,
            @NotNull @DefaultValue("2s") Duration maxAge,
            @NotNull @DefaultValue("250ms") Duration checkInterval) {
    }
}
