package com.computemarket.escrow;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The chain and vault escrow answers for. Withdrawals are signed (EIP-712) under a domain of {@code chainId} and
 * {@code vault}, so these must be the deployment's values; the defaults are those of a fresh local Anvil on which
 * chain-indexer deployed the contracts (token first, then vault, by the default deployer).
 *
 * @param chainId the chain's EIP-155 id
 * @param vault   the EscrowVault contract's address, the EIP-712 {@code verifyingContract}
 */
@Validated
@ConfigurationProperties("escrow.chain")
public record ChainProperties(
        @DefaultValue("31337") @Positive long chainId,
        @DefaultValue("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512") @NotNull @Pattern(regexp = "0x[0-9a-fA-F]{40}")
        String vault) {
}
