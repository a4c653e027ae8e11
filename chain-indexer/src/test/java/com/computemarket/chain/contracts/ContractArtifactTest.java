package com.computemarket.chain.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The hand-written adapters call functions and decode events that the compiled contracts really have. */
class ContractArtifactTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void testTokenHasTheFunctionsItsAdapterCalls() {
        assertThat(signatures(TestTokenContract.NAME)).contains(
                "constructor(address)", "function mint(address,uint256)", "function approve(address,uint256)",
                "function balanceOf(address)", "function decimals()", "function owner()");
    }

    @Test
    void escrowVaultHasTheFunctionsAndEventsItsAdapterUses() {
        assertThat(signatures(EscrowVaultContract.NAME)).contains(
                "constructor(address,address,address)", "function deposit(uint256)",
                "function withdrawWithSignature(address,address,uint256,uint256,uint256,bytes)",
                "function nonceUsed(address,uint256)", "function pause()", "function unpause()",
                "function hasRole(bytes32,address)", "function OPERATOR_ROLE()",
                "event Deposit(address,uint256)", "event Withdrawal(address,address,uint256,uint256)",
                "error WithdrawalExpired(uint256)", "error NonceAlreadyUsed(address,uint256)",
                "error InvalidSignature()")
                .doesNotContain("function withdraw(address,uint256)");
        assertThat(EscrowVaultContract.DEPOSIT_TOPIC).isEqualTo(EventEncoder.buildEventSignature(
                "Deposit(address,uint256)"));
        assertThat(EscrowVaultContract.WITHDRAWAL_TOPIC).isEqualTo(EventEncoder.buildEventSignature(
                "Withdrawal(address,address,uint256,uint256)"));
    }

    @Test
    void settlementAnchorHasTheFunctionsAndEventsItsAdapterUses() {
        assertThat(signatures(SettlementAnchorContract.NAME)).contains(
                "constructor(address,address)", "function anchor(uint256,bytes32,uint32)",
                "function rootOf(uint256)", "function itemCountOf(uint256)",
                "function verify(uint256,bytes32[],bytes32)", "function ANCHORER_ROLE()",
                "event BatchAnchored(uint256,bytes32,uint32)");
    }

    @Test
    void bytecodeIsHex() {
        assertThat(ContractArtifact.load(SettlementAnchorContract.NAME).bytecode()).matches("0x[0-9a-f]{100,}");
    }

    private Set<String> signatures(String contract) {
        Set<String> signatures = new HashSet<>();
        for (JsonNode entry : json.readTree(ContractArtifact.load(contract).abiJson())) {
            StringBuilder signature = new StringBuilder(entry.get("type").asString());
            if (entry.has("name")) {
                signature.append(' ').append(entry.get("name").asString());
            }
            signature.append('(');
            JsonNode inputs = entry.get("inputs");
            for (int i = 0; inputs != null && i < inputs.size(); i++) {
                signature.append(i == 0 ? "" : ",").append(inputs.get(i).get("type").asString());
            }
            signatures.add(signature.append(')').toString());
        }
        return signatures;
    }
}
