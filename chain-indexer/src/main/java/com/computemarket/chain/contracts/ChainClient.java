package com.computemarket.chain.contracts;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * The one door to the node. Reads are retried and guarded by a circuit breaker ({@value #RPC}); transactions only by
 * the circuit breaker, because resending a transaction blindly could apply it twice: callers check chain state and
 * try again on their next tick instead. Transactions are sent one at a time so that nonces never collide.
 */
@Component
public class ChainClient {

    static final String RPC = "chainRpc";
    /** eth_estimateGas is exact on Anvil but state can move between estimate and inclusion: keep a margin. */
    private static final int GAS_MARGIN_PERCENT = 20;

    private final Web3j web3j;
    private final TransactionReceiptProcessor receipts;
    private final ReentrantLock sendLock = new ReentrantLock();
    private volatile Long chainId;

    ChainClient(Web3j web3j, TransactionReceiptProcessor receipts) {
        this.web3j = web3j;
        this.receipts = receipts;
    }

    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public long chainId() {
        Long known = chainId;
        if (known == null) {
            known = answer(rpc("eth_chainId", () -> web3j.ethChainId().send())).getChainId().longValueExact();
            chainId = known;
        }
        return known;
    }

    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public long headBlock() {
        return answer(rpc("eth_blockNumber", () -> web3j.ethBlockNumber().send())).getBlockNumber().longValueExact();
    }

    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public boolean hasCode(String address) {
        String code = answer(rpc("eth_getCode",
                () -> web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send())).getCode();
        return code != null && code.length() > 2;
    }

    /** Logs of {@code address} with first topic {@code eventTopic} (and, when given, second topic) in the range. */
    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public List<Log> logs(String address, String eventTopic, Optional<String> firstIndexedTopic, long fromBlock,
            long toBlock) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)), address);
        filter.addSingleTopic(eventTopic);
        firstIndexedTopic.ifPresent(filter::addSingleTopic);
        EthLog answer = answer(rpc("eth_getLogs", () -> web3j.ethGetLogs(filter).send()));
        return answer.getLogs().stream().map(result -> (Log) result.get()).toList();
    }

    /** Runs a view function at the latest block and decodes its outputs. */
    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    @SuppressWarnings("rawtypes")
    public List<Type> call(String contract, Function function) {
        String data = FunctionEncoder.encode(function);
        EthCall answer = rpc("eth_call", () -> web3j.ethCall(
                Transaction.createEthCallTransaction(null, contract, data), DefaultBlockParameterName.LATEST).send());
        if (answer.hasError() || answer.isReverted()) {
            throw new ChainCallRejectedException(function.getName() + " reverted: " + answer.getRevertReason());
        }
        return FunctionReturnDecoder.decode(answer.getValue(), function.getOutputParameters());
    }

    /** Transactions of {@code address} mined so far ({@code pending = false}) or also waiting in the pool. */
    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public long nonce(String address, boolean pending) {
        var block = pending ? DefaultBlockParameterName.PENDING : DefaultBlockParameterName.LATEST;
        return answer(rpc("eth_getTransactionCount", () -> web3j.ethGetTransactionCount(address, block).send()))
                .getTransactionCount().longValueExact();
    }

    /** Base fee per gas of the latest block (EIP-1559). */
    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public BigInteger baseFeePerGas() {
        var latest = answer(rpc("eth_getBlockByNumber",
                () -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send())).getBlock();
        return latest.getBaseFeePerGas();
    }

    /** The node's suggested priority fee (tip) per gas. */
    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public BigInteger maxPriorityFeePerGas() {
        return answer(rpc("eth_maxPriorityFeePerGas", () -> web3j.ethMaxPriorityFeePerGas().send()))
                .getMaxPriorityFeePerGas();
    }

    /**
     * Gas {@code from} needs to call {@code to} with {@code data} now.
     *
     * @throws ChainCallRejectedException the call would revert (the message carries the node's reason)
     */
    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public BigInteger estimateGas(String from, String to, String data) {
        var estimated = rpc("eth_estimateGas",
                () -> web3j.ethEstimateGas(Transaction.createEthCallTransaction(from, to, data)).send());
        if (estimated.hasError()) {
            Object revertData = estimated.getError().getData();
            throw new ChainCallRejectedException(printable(estimated.getError().getMessage())
                    + (revertData == null ? "" : " " + printable(revertData.toString())));
        }
        return estimated.getAmountUsed();
    }

    /** Runs {@code data} against {@code to} as {@code from} at the latest block; the revert data when it reverts. */
    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public Optional<String> revertOf(String from, String to, String data) {
        EthCall answer = rpc("eth_call", () -> web3j.ethCall(Transaction.createEthCallTransaction(from, to, data),
                DefaultBlockParameterName.LATEST).send());
        if (answer.hasError()) {
            Object revertData = answer.getError().getData();
            return Optional.of(printable(revertData == null ? answer.getError().getMessage() : revertData.toString()));
        }
        return answer.isReverted() ? Optional.of(printable(String.valueOf(answer.getRevertReason()))) : Optional.empty();
    }

    /**
     * Broadcasts a signed transaction. Safe to retry: the same signed bytes are the same transaction (same hash and
     * nonce), so a node that already has it answers "already known" and it still applies at most once.
     *
     * @return the node's error message, empty when the node accepted it
     */
    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public Optional<String> broadcast(String signedTransactionHex) {
        EthSendTransaction sent = rpc("eth_sendRawTransaction",
                () -> web3j.ethSendRawTransaction(signedTransactionHex).send());
        return sent.hasError() ? Optional.of(sent.getError().getMessage()) : Optional.empty();
    }

    /** The receipt of {@code txHash} once it is mined. */
    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public Optional<TransactionReceipt> receipt(String txHash) {
        return answer(rpc("eth_getTransactionReceipt", () -> web3j.ethGetTransactionReceipt(txHash).send()))
                .getTransactionReceipt();
    }

    /** Whether the node knows {@code txHash} at all (waiting in its pool or mined). */
    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public boolean knows(String txHash) {
        return answer(rpc("eth_getTransactionByHash", () -> web3j.ethGetTransactionByHash(txHash).send()))
                .getTransaction().isPresent();
    }

    /** Signs and sends a call to {@code contract} and waits until it is mined successfully. */
    @CircuitBreaker(name = RPC)
    public TransactionReceipt send(Credentials signer, String contract, Function function) {
        return transact(signer, contract, FunctionEncoder.encode(function), function.getName());
    }

    /** Deploys {@code bytecode} followed by the ABI-encoded constructor arguments; returns the mined receipt. */
    @CircuitBreaker(name = RPC)
    public TransactionReceipt deploy(Credentials signer, String bytecode, String encodedConstructorArguments) {
        return transact(signer, null, bytecode + encodedConstructorArguments, "deployment");
    }

    private TransactionReceipt transact(Credentials signer, String to, String data, String what) {
        sendLock.lock();
        try {
            RawTransactionManager transactions = new RawTransactionManager(web3j, signer, chainId());
            BigInteger gasPrice = answer(rpc("eth_gasPrice", () -> web3j.ethGasPrice().send())).getGasPrice();
            Transaction estimate = to == null
                    ? Transaction.createContractTransaction(signer.getAddress(), null, null, data)
                    : Transaction.createEthCallTransaction(signer.getAddress(), to, data);
            var estimated = rpc("eth_estimateGas", () -> web3j.ethEstimateGas(estimate).send());
            if (estimated.hasError()) {
                throw new ChainCallRejectedException(what + " would revert: " + estimated.getError().getMessage());
            }
            BigInteger gasLimit = estimated.getAmountUsed()
                    .multiply(BigInteger.valueOf(100 + GAS_MARGIN_PERCENT)).divide(BigInteger.valueOf(100));
            EthSendTransaction sent = rpc("eth_sendRawTransaction",
                    () -> transactions.sendTransaction(gasPrice, gasLimit, to, data, BigInteger.ZERO, to == null));
            if (sent.hasError()) {
                throw new ChainCallRejectedException(what + " refused: " + sent.getError().getMessage());
            }
            TransactionReceipt receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
            if (!receipt.isStatusOK()) {
                throw new ChainCallRejectedException(what + " reverted in " + receipt.getTransactionHash());
            }
            return receipt;
        } catch (IOException | TransactionException e) {
            throw new ChainUnavailableException(what + " not confirmed: " + e.getMessage(), e);
        } finally {
            sendLock.unlock();
        }
    }

    /** Node messages may carry raw revert bytes (NUL and other control characters) that text columns refuse. */
    private static String printable(String message) {
        return message.replaceAll("\\p{Cntrl}", "").replaceAll(" {2,}", " ").strip();
    }

    private static <R extends Response<?>> R answer(R response) {
        if (response.hasError()) {
            throw new ChainCallRejectedException(response.getError().getMessage());
        }
        return response;
    }

    private static <R> R rpc(String method, RpcCall<R> call) {
        try {
            return call.send();
        } catch (IOException e) {
            throw new ChainUnavailableException(method + " failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface RpcCall<R> {
        R send() throws IOException;
    }
}
