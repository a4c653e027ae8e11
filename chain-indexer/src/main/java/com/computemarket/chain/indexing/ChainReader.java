package com.computemarket.chain.indexing;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The indexer's reads from the node: block headers (one, or a range in one JSON-RPC batch), logs of a block range and
 * transaction receipts. Reads are idempotent, so they are retried on connection trouble and guarded by the same
 * circuit breaker as the rest of the service's RPC ({@code chainRpc}). An error answer is not retried: for
 * eth_getLogs it usually means the range was too large, and the caller shrinks it.
 */
@Component
public class ChainReader {

    private static final String RPC = "chainRpc";

    private final Web3j web3j;

    ChainReader(Web3j web3j) {
        this.web3j = web3j;
    }

    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public BlockHeader latestHeader() {
        return header(answer(send("eth_getBlockByNumber",
                () -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send())), "latest");
    }

    /** The canonical block at {@code number}; a number above the head is an error. */
    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public BlockHeader header(long number) {
        return header(answer(send("eth_getBlockByNumber",
                () -> web3j.ethGetBlockByNumber(block(number), false).send())), "block " + number);
    }

    /** Canonical headers {@code from..to} (inclusive), asked in one JSON-RPC batch, in block order. */
    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public List<BlockHeader> headers(long from, long to) {
        BatchRequest batch = web3j.newBatch();
        for (long number = from; number <= to; number++) {
            batch.add(web3j.ethGetBlockByNumber(block(number), false));
        }
        BatchResponse answers = send("eth_getBlockByNumber batch", batch::send);
        List<BlockHeader> headers = new ArrayList<>(answers.getResponses().size());
        long number = from;
        for (Response<?> answer : answers.getResponses()) {
            headers.add(header((EthBlock) answer(answer), "block " + number++));
        }
        return headers;
    }

    /** Logs of {@code address} whose first topic is {@code topic}, in blocks {@code from..to}, in chain order. */
    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public List<Log> logs(String address, String topic, long from, long to) {
        EthFilter filter = new EthFilter(block(from), block(to), address);
        filter.addSingleTopic(topic);
        EthLog answer = answer(send("eth_getLogs", () -> web3j.ethGetLogs(filter).send()));
        return answer.getLogs().stream()
                .map(result -> (Log) result.get())
                .filter(log -> !Boolean.TRUE.equals(log.isRemoved()))
                .toList();
    }

    /** The block number of {@code txHash} on the canonical chain, or empty when the chain does not hold it. */
    @Retry(name = RPC)
    @CircuitBreaker(name = RPC)
    public Optional<Long> blockOfTransaction(String txHash) {
        EthGetTransactionReceipt answer = answer(send("eth_getTransactionReceipt",
                () -> web3j.ethGetTransactionReceipt(txHash).send()));
        return answer.getTransactionReceipt().map(receipt -> receipt.getBlockNumber().longValueExact());
    }

    private static DefaultBlockParameter block(long number) {
        return DefaultBlockParameter.valueOf(BigInteger.valueOf(number));
    }

    private static BlockHeader header(EthBlock answer, String what) {
        EthBlock.Block block = answer.getBlock();
        if (block == null) {
            throw new ChainReadRejectedException("the node has no " + what);
        }
        return new BlockHeader(block.getNumber().longValueExact(), block.getHash().toLowerCase(Locale.ROOT),
                block.getParentHash().toLowerCase(Locale.ROOT),
                Instant.ofEpochSecond(block.getTimestamp().longValueExact()));
    }

    private static <R extends Response<?>> R answer(R response) {
        if (response.hasError()) {
            throw new ChainReadRejectedException(response.getError().getMessage());
        }
        return response;
    }

    private static <R> R send(String method, Call<R> call) {
        try {
            return call.send();
        } catch (IOException e) {
            throw new ChainReadFailedException(method + " failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Call<R> {
        R send() throws IOException;
    }
}
