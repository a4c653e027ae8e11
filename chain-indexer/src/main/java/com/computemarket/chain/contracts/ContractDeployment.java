package com.computemarket.chain.contracts;

import com.computemarket.chain.ChainProperties;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Decides which contracts to use at startup: configured addresses win; else the ones this service deployed earlier on
 * the same chain, if code still lives there (a restarted Anvil forgets everything); else, when allowed, fresh ones.
 */
@Component
class ContractDeployment {

    private static final Logger log = LoggerFactory.getLogger(ContractDeployment.class);

    private final ChainClient chain;
    private final OperatorKey operator;
    private final ChainProperties properties;
    private final DeployedContractRepository repository;
    private final Clock clock;

    ContractDeployment(ChainClient chain, OperatorKey operator, ChainProperties properties,
            DeployedContractRepository repository, Clock clock) {
        this.chain = chain;
        this.operator = operator;
        this.properties = properties;
        this.repository = repository;
        this.clock = clock;
    }

    DeployedContracts resolve() {
        long chainId = chain.chainId();
        ChainProperties.Contracts configured = properties.contracts();
        if (configured.partlyConfigured()) {
            throw new IllegalStateException("Set all of chain.contracts.token, .vault and .anchor, or none of them");
        }
        if (configured.configured()) {
            DeployedContracts contracts = new DeployedContracts(chainId, checksum(configured.token()),
                    checksum(configured.vault()), checksum(configured.anchor()), operator.address(),
                    properties.startBlock());
            requireCode(contracts);
            log.info("Using configured contracts {}", contracts);
            return contracts;
        }
        Map<String, DeployedContractRepository.StoredContract> stored = repository.findByChain(chainId);
        if (stored.keySet().containsAll(List.of(TestTokenContract.NAME, EscrowVaultContract.NAME,
                SettlementAnchorContract.NAME)) && stored.values().stream().allMatch(c -> chain.hasCode(c.address()))) {
            DeployedContracts contracts = new DeployedContracts(chainId, stored.get(TestTokenContract.NAME).address(),
                    stored.get(EscrowVaultContract.NAME).address(), stored.get(SettlementAnchorContract.NAME).address(),
                    operator.address(), stored.get(EscrowVaultContract.NAME).deploymentBlock());
            log.info("Reusing contracts deployed earlier {}", contracts);
            return contracts;
        }
        if (!properties.deployIfMissing()) {
            throw new IllegalStateException("No contracts on chain " + chainId
                    + ": set chain.contracts.token/vault/anchor or chain.deploy-if-missing=true");
        }
        DeployedContracts contracts = deploy(chainId);
        repository.store(contracts, clock.instant());
        log.info("Deployed contracts {}", contracts);
        return contracts;
    }

    private DeployedContracts deploy(long chainId) {
        String operatorAddress = operator.address();
        String admin = properties.adminAddress().isBlank() ? operatorAddress : checksum(properties.adminAddress());
        TransactionReceipt token = chain.deploy(operator.credentials(),
                ContractArtifact.load(TestTokenContract.NAME).bytecode(),
                TestTokenContract.constructorArguments(operatorAddress));
        String tokenAddress = checksum(token.getContractAddress());
        TransactionReceipt vault = chain.deploy(operator.credentials(),
                ContractArtifact.load(EscrowVaultContract.NAME).bytecode(),
                EscrowVaultContract.constructorArguments(tokenAddress, admin, operatorAddress));
        TransactionReceipt anchor = chain.deploy(operator.credentials(),
                ContractArtifact.load(SettlementAnchorContract.NAME).bytecode(),
                SettlementAnchorContract.constructorArguments(admin, operatorAddress));
        return new DeployedContracts(chainId, tokenAddress, checksum(vault.getContractAddress()),
                checksum(anchor.getContractAddress()), operatorAddress, vault.getBlockNumber().longValueExact());
    }

    private void requireCode(DeployedContracts contracts) {
        for (String address : List.of(contracts.token(), contracts.vault(), contracts.anchor())) {
            if (!chain.hasCode(address)) {
                throw new IllegalStateException("No contract code at configured address " + address);
            }
        }
    }

    private static String checksum(String address) {
        return Keys.toChecksumAddress(address);
    }
}
