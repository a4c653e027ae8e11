package com.computemarket.chain.indexing;

import com.computemarket.chain.ChainIndexerApplication;
import com.computemarket.chain.contracts.DeployedContracts;
import com.computemarket.chain.contracts.EscrowVaultContract;
import com.computemarket.testsupport.AnvilNode;
import com.computemarket.testsupport.RealInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cold backfill speed of the indexer on a real Anvil, beside a baseline in the same run. Not a test (surefire runs
 * only {@code *Test}): run it with {@code ./mvnw -o -q -pl chain-indexer test-compile exec:exec@backfill-benchmark};
 * the figures go into {@code docs/benchmarks.md}.
 *
 * <p>The chain: {@value #DEPOSIT_BLOCKS} blocks holding {@value #DEPOSITS_PER_BLOCK} vault deposits each (one
 * transaction of the test-only {@code DepositBurst} contract, which calls the vault's {@code deposit} that often),
 * each followed by {@value #EMPTY_BLOCKS_AFTER_EACH} empty blocks ({@code anvil_mine}). The service runs as it does
 * in production (Spring context, real PostgreSQL, Kafka, outbox relay); each run starts from an empty index (tables truncated) and indexes to the head in one
 * {@link ChainFollower#follow} call: logs read, deposits stored, DepositConfirmed written to the outbox, hashes of the
 * tracked blocks stored. Runs: adaptive ranges (the service's policy) capped at the configured
 * {@code chain.max-block-range} and at {@value #LOCAL_NODE_RANGE}, the previous fixed 1,000-block ranges, and
 * eth_getLogs alone over the same fixed ranges (no database: the node's share of the time).
 */
public final class BackfillBenchmark {

    private static final int DEPOSIT_BLOCKS = 500;
    private static final int DEPOSITS_PER_BLOCK = 50;
    private static final int EMPTY_BLOCKS_AFTER_EACH = 19;
    private static final int FIXED_RANGE = 1_000;
    /** A cap suited to a local node, which answers any range; the service's default suits hosted nodes. */
    private static final int LOCAL_NODE_RANGE = 10_000;
    /** Above what {@code depositMany} of {@value #DEPOSITS_PER_BLOCK} deposits uses; below the block gas limit. */
    private static final long DEPOSIT_MANY_GAS = 8_000_000;
    private static final BigInteger DEPOSIT_AMOUNT = BigInteger.valueOf(1_000_000);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BackfillBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1); // the broker's non-daemon threads would keep a failed run alive
        }
        System.exit(0);
    }

    private static void run() {
        try (AnvilNode anvil = AnvilNode.start(0, null);
                ConfigurableApplicationContext service = new SpringApplicationBuilder(ChainIndexerApplication.class,
                        RealInfrastructure.class)
                        // one poll at start-up on the fresh chain, then none: the benchmark drives the backfills
                        .run("--chain.rpc-url=" + anvil.rpcUrl(), "--server.port=0", "--chain.poll-interval=24h",
                                "--logging.level.root=WARN")) {
            DeployedContracts contracts = service.getBean(DeployedContracts.class);
            Rpc rpc = new Rpc(anvil.rpcUrl());
            long started = System.nanoTime();
            int deposits = buildChain(rpc, contracts);
            long head = rpc.blockNumber();
            String node = rpc.call("web3_clientVersion", "[]").asString();
            System.out.printf(Locale.ROOT, "Chain built in %.1f s: head %,d, %,d deposits (%s)%n",
                    seconds(System.nanoTime() - started), head, deposits, node);

            ChainFollower follower = service.getBean(ChainFollower.class);
            ChainReader reader = service.getBean(ChainReader.class);
            IndexingProperties properties = service.getBean(IndexingProperties.class);
            int maxRange = service.getBean(com.computemarket.chain.ChainProperties.class).maxBlockRange();
            JdbcClient jdbc = service.getBean(JdbcClient.class);

            List<Row> rows = new ArrayList<>();
            measure(jdbc, follower, new AdaptiveBlockRange(properties.backfill(), maxRange)); // warm-up, not reported
            Result logsOnly = logsOnly(reader, contracts, head);
            if (logsOnly.events() != deposits) {
                throw new IllegalStateException("the chain holds " + logsOnly.events() + " Deposit logs, not "
                        + deposits + ": a depositMany transaction failed");
            }
            rows.add(new Row("eth_getLogs alone, fixed " + FIXED_RANGE + "-block ranges (no database)", logsOnly));
            rows.add(measure(jdbc, follower, fixed(FIXED_RANGE), "indexer, fixed " + FIXED_RANGE
                    + "-block ranges (previous poller)"));
            rows.add(measure(jdbc, follower, new AdaptiveBlockRange(properties.backfill(), maxRange),
                    "indexer, adaptive ranges (initial " + properties.backfill().initialRange() + ", max " + maxRange
                            + ")"));
            rows.add(measure(jdbc, follower, new AdaptiveBlockRange(properties.backfill(), LOCAL_NODE_RANGE),
                    "indexer, adaptive ranges (initial " + properties.backfill().initialRange() + ", max "
                            + LOCAL_NODE_RANGE + ")"));
            print(head, deposits, rows);
        }
    }

    private static AdaptiveBlockRange fixed(int blocks) {
        return new AdaptiveBlockRange(new IndexingProperties.Backfill(blocks, Duration.ZERO,
                Duration.ofDays(1), Integer.MAX_VALUE), blocks);
    }

    private static Result measure(JdbcClient jdbc, ChainFollower follower, AdaptiveBlockRange ranges) {
        jdbc.sql("truncate indexed_deposit, indexed_block, chain_index, outbox_event").update();
        long started = System.nanoTime();
        int announced = follower.follow(ranges);
        long took = System.nanoTime() - started;
        long stored = jdbc.sql("select count(*) from indexed_deposit").query(Long.class).single();
        return new Result(took, stored, announced);
    }

    private static Row measure(JdbcClient jdbc, ChainFollower follower, AdaptiveBlockRange ranges, String what) {
        return new Row(what, measure(jdbc, follower, ranges));
    }

    private static Result logsOnly(ChainReader reader, DeployedContracts contracts, long head) {
        long started = System.nanoTime();
        long logs = 0;
        for (long from = contracts.deploymentBlock(); from <= head; from += FIXED_RANGE) {
            logs += reader.logs(contracts.vault(), EscrowVaultContract.DEPOSIT_TOPIC, from,
                    Math.min(head, from + FIXED_RANGE - 1)).size();
        }
        return new Result(System.nanoTime() - started, logs, 0);
    }

    /**
     * Deploys {@code DepositBurst} (test sources), mints it the tokens, then makes each deposit block with one
     * {@code depositMany} transaction ({@value #DEPOSITS_PER_BLOCK} real vault deposits, each its own Deposit log)
     * followed by {@code anvil_mine} of the empty blocks: about 1,000 RPC calls instead of 25,000 transactions.
     * Returns the deposit count.
     */
    private static int buildChain(Rpc rpc, DeployedContracts contracts) {
        String burst = rpc.deploy(contracts.operator(), compileBenchmarkContract("DepositBurst"));
        rpc.transact(contracts.operator(), contracts.token(), FunctionEncoder.encode(new Function("mint",
                List.of(new Address(burst), new Uint256(DEPOSIT_AMOUNT.multiply(
                        BigInteger.valueOf((long) DEPOSIT_BLOCKS * DEPOSITS_PER_BLOCK)))), List.of())));
        String depositMany = FunctionEncoder.encode(new Function("depositMany", List.of(
                new Address(contracts.token()), new Address(contracts.vault()), new Uint256(DEPOSIT_AMOUNT),
                new Uint256(DEPOSITS_PER_BLOCK)), List.of()));
        String mineEmptyBlocks = "[\"0x" + Integer.toHexString(EMPTY_BLOCKS_AFTER_EACH) + "\"]";
        for (int block = 0; block < DEPOSIT_BLOCKS; block++) {
            // automine: one block holding the deposits
            rpc.send(contracts.operator(), burst, depositMany, DEPOSIT_MANY_GAS);
            rpc.call("anvil_mine", mineEmptyBlocks);
        }
        return DEPOSIT_BLOCKS * DEPOSITS_PER_BLOCK;
    }

    /** Compiles {@code src/test/benchmark-solidity} with the build's own solcjs; returns the named contract's code. */
    private static String compileBenchmarkContract(String name) {
        Path output = Path.of("target", "benchmark-contracts");
        try {
            Process compiler = new ProcessBuilder("node", "contracts-build/compile.mjs", "src/test/benchmark-solidity",
                    System.getProperty("chain.tools.dir"), output.toString()).inheritIO().start();
            if (compiler.waitFor() != 0) {
                throw new IllegalStateException("compiling src/test/benchmark-solidity failed");
            }
            return "0x" + Files.readString(output.resolve(name + ".bin")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void print(long head, int deposits, List<Row> rows) {
        System.out.printf(Locale.ROOT, "Cold backfill of %,d blocks holding %,d Deposit events%n", head, deposits);
        System.out.println("| run | seconds | blocks/s | events/s | events stored | DepositConfirmed written |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            double took = seconds(row.result().nanos());
            System.out.printf(Locale.ROOT, "| %s | %.2f | %,.0f | %,.0f | %,d | %,d |%n", row.what(), took,
                    head / took, row.result().events() / took, row.result().events(), row.result().announced());
        }
        for (Row row : rows.subList(1, rows.size())) {
            double took = seconds(row.result().nanos());
            System.out.printf(Locale.ROOT, "%s: >= 2,000 blocks/s %s; >= 5,000 events/s %s%n", row.what(),
                    head / took >= 2_000 ? "met" : "NOT met", row.result().events() / took >= 5_000 ? "met" : "NOT met");
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private record Result(long nanos, long events, int announced) {
    }

    private record Row(String what, Result result) {
    }

    /** Bare JSON-RPC to Anvil, for transactions from the node's unlocked development accounts and its test controls. */
    private static final class Rpc {

        private final HttpClient http = HttpClient.newHttpClient();
        private final URI uri;

        Rpc(String url) {
            this.uri = URI.create(url);
        }

        static String request(int id, String method, String params) {
            return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
        }

        JsonNode call(String method, String params) {
            JsonNode answer = JSON.readTree(post(request(1, method, params)));
            if (answer.has("error")) {
                throw new IllegalStateException(method + ": " + answer.get("error"));
            }
            return answer.get("result");
        }

        long blockNumber() {
            return Long.decode(call("eth_blockNumber", "[]").asString());
        }

        /** Sends a transaction (automine on: mined as soon as the node gets to it); returns its hash. */
        String send(String from, String to, String data) {
            return send(from, to, data, "");
        }

        /**
         * Sends a transaction with a fixed gas limit: the node then skips gas estimation, which for a transaction
         * making 50 deposits runs it a dozen times and was most of the time spent building the chain.
         */
        String send(String from, String to, String data, long gas) {
            return send(from, to, data, ",\"gas\":\"0x" + Long.toHexString(gas) + "\"");
        }

        private String send(String from, String to, String data, String gasField) {
            return call("eth_sendTransaction", "[{\"from\":\"" + from + "\"" + (to == null ? ""
                    : ",\"to\":\"" + to + "\"") + ",\"data\":\"" + data + "\"" + gasField + "}]").asString();
        }

        /** Sends a transaction and waits for its receipt; fails unless it succeeded. */
        JsonNode transact(String from, String to, String data) {
            String txHash = send(from, to, data);
            JsonNode receipt = Awaitility.await("receipt of " + txHash).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> call("eth_getTransactionReceipt", "[\"" + txHash + "\"]"), JsonNode::isObject);
            if (!"0x1".equals(receipt.get("status").asString())) {
                throw new IllegalStateException("transaction " + txHash + " reverted");
            }
            return receipt;
        }

        /** Deploys {@code code}; returns the new contract's address. */
        String deploy(String from, String code) {
            return transact(from, null, code).get("contractAddress").asString();
        }

        private String post(String body) {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
