package com.computemarket.chain.contracts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Resolves (and if needed deploys) the contracts once at startup and exposes one adapter per contract. */
@Configuration(proxyBeanMethods = false)
class ContractsConfiguration {

    @Bean
    DeployedContracts deployedContracts(ContractDeployment deployment) {
        return deployment.resolve();
    }

    @Bean
    TestTokenContract testTokenContract(ChainClient chain, DeployedContracts contracts) {
        return new TestTokenContract(chain, contracts.token());
    }

    @Bean
    EscrowVaultContract escrowVaultContract(ChainClient chain, DeployedContracts contracts) {
        return new EscrowVaultContract(chain, contracts.vault());
    }

    @Bean
    SettlementAnchorContract settlementAnchorContract(ChainClient chain, DeployedContracts contracts) {
        return new SettlementAnchorContract(chain, contracts.anchor());
    }
}
