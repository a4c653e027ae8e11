package com.computemarket.escrow.reconciliation;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how often escrow reads the vault's balance on chain (the vault's address is {@code escrow.chain.vault}).
 *
 * @param rpcUrl        the chain's JSON-RPC endpoint
 * @param token         the ERC-20 the vault holds
 * @param confirmations how many blocks behind the head to read, as chain-indexer confirms deposits and withdrawals
 * @param checkInterval pause between two reconciliations (the first runs at start-up)
 */
@Validated
@ConfigurationProperties("escrow.reconciliation")
public record VaultReconciliationProperties(
        @DefaultValue("http://127.0.0.1:8545") @NotNull String rpcUrl,
        @DefaultValue("0x5FbDB2315678afecb367f032d93F642f64180aa3") @NotNull @Pattern(regexp = "0x[0-9a-fA-F]{40}")
        String token,
        @DefaultValue("2") @Min(0) int confirmations,
        @DefaultValue("60s") @NotNull Duration checkInterval) {
}
