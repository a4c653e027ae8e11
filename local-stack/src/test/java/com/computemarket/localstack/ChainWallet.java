package com.computemarket.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/** What a user's wallet does on chain: mint (deployer only), approve, deposit; and read-only contract calls. */
final class ChainWallet {
    private final Web3j web3j;
    private final Credentials credentials;
    private final RawTransactionManager transactions;
    private final PollingTransactionReceiptProcessor receipts;

    ChainWallet(Web3j web3j, Credentials credentials, long chainId) {
        this.web3j = web3j;
        this.credentials = credentials;
        // web3j's default receipt polling sleeps 15 s between polls; Anvil mines at once.
        this.receipts = new PollingTransactionReceiptProcessor(web3j, 100, 300);
        this.transactions = new RawTransactionManager(web3j, credentials, chainId, receipts);
    }

    TransactionReceipt mint(String token, String to, BigInteger amount) {
        return send(token, new Function("mint", List.of(new Address(to), new Uint256(amount)), List.of()));
    }

    TransactionReceipt approve(String token, String spender, BigInteger amount) {
        return send(token, new Function("approve", List.of(new Address(spender), new Uint256(amount)), List.of()));
    }

    TransactionReceipt deposit(String vault, BigInteger amount) {
        return send(vault, new Function("deposit", List.of(new Uint256(amount)), List.of()));
    }

    byte[] rootOf(String anchor, BigInteger batchId) {
        List<Type> result = call(anchor, new Function("rootOf", List.of(new Uint256(batchId)),
                List.of(new TypeReference<Bytes32>() { })));
        return ((Bytes32) result.getFirst()).getValue();
    }

    boolean verify(String anchor, BigInteger batchId, List<byte[]> proof, byte[] leaf) {
        DynamicArray<Bytes32> path = new DynamicArray<>(Bytes32.class, proof.stream().map(Bytes32::new).toList());
        List<Type> result = call(anchor, new Function("verify", List.of(new Uint256(batchId), path, new Bytes32(leaf)),
                List.of(new TypeReference<Bool>() { })));
        return ((Bool) result.getFirst()).getValue();
    }

    private TransactionReceipt send(String contract, Function function) {
        try {
            var sent = transactions.sendTransaction(DefaultGasProvider.GAS_PRICE, BigInteger.valueOf(500_000), contract,
                    FunctionEncoder.encode(function), BigInteger.ZERO);
            if (sent.hasError()) {
                throw new AssertionError(function.getName() + " refused: " + sent.getError().getMessage());
            }
            TransactionReceipt receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
            if (!receipt.isStatusOK()) {
                throw new AssertionError(function.getName() + " reverted: " + receipt);
            }
            return receipt;
        } catch (IOException | org.web3j.protocol.exceptions.TransactionException e) {
            throw new IllegalStateException(function.getName() + " failed", e);
        }
    }

    @SuppressWarnings("rawtypes")
    private List<Type> call(String contract, Function function) {
        try {
            String output = web3j.ethCall(Transaction.createEthCallTransaction(credentials.getAddress(), contract,
                    FunctionEncoder.encode(function)), DefaultBlockParameterName.LATEST).send().getValue();
            return FunctionReturnDecoder.decode(output, function.getOutputParameters());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes32(String hex) {
        return Numeric.hexStringToByteArray(hex);
    }
}
