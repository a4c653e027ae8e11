package com.computemarket.chain.contracts;

/**
 * The contracts this service works with on chain {@code chainId}. {@code deploymentBlock} is where scanning for their
 * logs starts (the block of the vault's deployment, or {@code chain.start-block} for configured contracts).
 */
public record DeployedContracts(long chainId, String token, String vault, String anchor, String operator,
        long deploymentBlock) {
}
