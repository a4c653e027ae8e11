package com.computemarket.chain.contracts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class DeployedContractRepository {

    private final JdbcClient jdbc;

    DeployedContractRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Contract name → stored row, for one chain. */
    Map<String, StoredContract> findByChain(long chainId) {
        return jdbc.sql("select name, address, deployment_block from deployed_contract where chain_id = ?")
                .param(chainId)
                .query((rs, row) -> new StoredContract(rs.getString("name"), rs.getString("address"),
                        rs.getLong("deployment_block")))
                .list().stream()
                .collect(Collectors.toMap(StoredContract::name, contract -> contract));
    }

    @Transactional
    void store(DeployedContracts contracts, Instant now) {
        save(contracts.chainId(), new StoredContract(TestTokenContract.NAME, contracts.token(), contracts.deploymentBlock()), now);
        save(contracts.chainId(), new StoredContract(EscrowVaultContract.NAME, contracts.vault(), contracts.deploymentBlock()), now);
        save(contracts.chainId(), new StoredContract(SettlementAnchorContract.NAME, contracts.anchor(), contracts.deploymentBlock()), now);
    }

    private void save(long chainId, StoredContract contract, Instant now) {
        jdbc.sql("""
                insert into deployed_contract (chain_id, name, address, deployment_block, recorded_at)
                values (:chainId, :name, :address, :block, :now)
                on conflict (chain_id, name) do update
                set address = excluded.address, deployment_block = excluded.deployment_block, recorded_at = excluded.recorded_at
                """)
                .param("chainId", chainId)
                .param("name", contract.name())
                .param("address", contract.address())
                .param("block", contract.deploymentBlock())
                .param("now", Timestamp.from(now))
                .update();
    }

    record StoredContract(String name, String address, long deploymentBlock) {
    }
}
