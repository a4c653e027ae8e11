package com.computemarket.chain.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.chain.ChainIndexerIntegrationTest;
import com.computemarket.testsupport.DevAccounts;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.web3j.crypto.Hash;

@ChainIndexerIntegrationTest
class ContractsEndpointTest {

    /** Address of the PUBLIC Anvil development key application.yml defaults the operator to. */
    private static final String ANVIL_ACCOUNT_0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    @Autowired
    MockMvc mvc;
    @Autowired
    DeployedContracts contracts;
    @Autowired
    ContractDeployment deployment;
    @Autowired
    EscrowVaultContract vault;
    @Autowired
    SettlementAnchorContract anchor;
    @Autowired
    TestTokenContract token;
    @Autowired
    ChainClient chain;
    @Autowired
    JdbcClient jdbc;

    @Test
    void namesTheDeployedContractsWithoutAToken() throws Exception {
        mvc.perform(get("/api/v1/chain/contracts"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.chainId").value(31337))
                .andExpect(jsonPath("$.token").value(contracts.token()))
                .andExpect(jsonPath("$.vault").value(contracts.vault()))
                .andExpect(jsonPath("$.anchor").value(contracts.anchor()))
                .andExpect(jsonPath("$.operator").value(ANVIL_ACCOUNT_0));
    }

    @Test
    void deployedContractsAreLiveAndTheOperatorHoldsTheHotRoles() {
        assertThat(chain.hasCode(contracts.token())).isTrue();
        assertThat(vault.hasRole(EscrowVaultContract.OPERATOR_ROLE, contracts.operator())).isTrue();
        assertThat(vault.hasRole(EscrowVaultContract.OPERATOR_ROLE, DevAccounts.CONSUMER.address())).isFalse();
        assertThat(token.balanceOf(DevAccounts.PROVIDER_C.address())).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void aRestartReusesTheStoredContractsInsteadOfDeployingAgain() {
        long stored = jdbc.sql("select count(*) from deployed_contract").query(Long.class).single();

        DeployedContracts resolved = deployment.resolve();

        assertThat(resolved).isEqualTo(contracts);
        assertThat(jdbc.sql("select count(*) from deployed_contract").query(Long.class).single()).isEqualTo(stored);
    }

    @Test
    void onlyTheAnchorerMayAnchor() {
        byte[] root = Hash.sha3("not a settlement batch".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> anchor.anchor(DevAccounts.CONSUMER.credentials(), 999_999, root, 1))
                .isInstanceOf(ChainCallRejectedException.class);
        assertThat(anchor.rootOf(999_999)).isEqualTo(new byte[32]);
    }
}
