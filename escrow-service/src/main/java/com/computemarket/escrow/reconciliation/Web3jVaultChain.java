package com.computemarket.escrow.reconciliation;

import com.computemarket.escrow.ChainProperties;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.springframework.stereotype.Component;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.http.HttpService;

/**
 * Reads the vault's ERC-20 balance with {@code balanceOf(vault)} over JSON-RPC (chain-indexer has no endpoint for
 * it), at head − confirmations. Retried and guarded by a circuit breaker ({@code vaultChain}), so that a node
 * outage costs a few quick failures per check rather than a pile of hanging calls.
 */
@Component
class Web3jVaultChain implements VaultChain {

    private final Web3j web3j;
    private final String token;
    private final String vault;
    private final int confirmations;

    Web3jVaultChain(VaultReconciliationProperties properties, ChainProperties chain) {
        this.web3j = Web3j.build(new HttpService(properties.rpcUrl()));
        this.token = properties.token();
        this.vault = chain.vault();
        this.confirmations = properties.confirmations();
    }

    @Override
    @Retry(name = "vaultChain")
    @CircuitBreaker(name = "vaultChain")
    public VaultBalance confirmedVaultBalance() {
        try {
            long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            long block = Math.max(0, head - confirmations);
            Function balanceOf = new Function("balanceOf", List.of(new Address(vault)),
                    List.of(new TypeReference<Uint256>() { }));
            EthCall call = web3j.ethCall(Transaction.createEthCallTransaction(null, token,
                    FunctionEncoder.encode(balanceOf)), DefaultBlockParameter.valueOf(BigInteger.valueOf(block))).send();
            if (call.hasError()) {
                throw new VaultChainUnavailableException("balanceOf failed: " + call.getError().getMessage());
            }
            List<Type> decoded = FunctionReturnDecoder.decode(call.getValue(), balanceOf.getOutputParameters());
            if (decoded.isEmpty()) {
                throw new VaultChainUnavailableException("no ERC-20 answered balanceOf at " + token + " in block " + block);
            }
            return new VaultBalance(block, ((Uint256) decoded.getFirst()).getValue());
        } catch (IOException unreachable) {
            throw new VaultChainUnavailableException("the chain node did not answer", unreachable);
        }
    }

    @PreDestroy
    void close() {
        web3j.shutdown();
    }
}
