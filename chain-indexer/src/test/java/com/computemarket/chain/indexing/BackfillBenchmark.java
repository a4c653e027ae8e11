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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * <p>The chain: {@value #DEPOSIT_BLOCKS} blocks holding {@value #DEPOSITS_PER_BLOCK} vault deposits each (sent with
 * automine off, then mined as one block), each followed by {@value #EMPTY_BLOCKS_AFTER_EACH} empty blocks
 * ({@code anvil_mine}). The service runs as it does in production (Spring context, real PostgreSQL, Kafka, outbox
 * relay); each run starts from an empty index (tables truncated) and indexes to the head in one
 * {@link ChainFollower#follow} call: logs read, deposits stored, DepositConfirmed written to the outbox, hashes of the
 * tracked blocks stored. Runs: adaptive ranges (the service's policy), the previous fixed 1,000-block ranges, and
 * eth_getLogs alone over the same fixed ranges (no database: the node's share of the time).
 */
public final class BackfillBenchmark {

    private static final int DEPOSIT_BLOCKS = 500;
    private static final int DEPOSITS_PER_BLOCK = 50;
    private static final int EMPTY_BLOCKS_AFTER_EACH = 19;
    private static final int FIXED_RANGE = 1_000;
    private static final BigInteger DEPOSIT_AMOUNT = BigInteger.valueOf(1_000_000);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BackfillBenchmark() {
    }

    public static void main(String[] args) {
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
            rows.add(new Row("eth_getLogs alone, fixed " + FIXED_RANGE + "-block ranges (no database)",
                    logsOnly(reader, contracts, head)));
            rows.add(measure(jdbc, follower, fixed(FIXED_RANGE), "indexer, fixed " + FIXED_RANGE
                    + "-block ranges (previous poller)"));
            rows.add(measure(jdbc, follower, new AdaptiveBlockRange(properties.backfill(), maxRange),
                    "indexer, adaptive ranges (initial " + properties.backfill().initialRange() + ", max " + maxRange
                            + ")"));
            print(head, deposits, rows);
        }
        System.exit(0);
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

    /** Funds the node's unlocked accounts, then mines the deposit and empty blocks; returns the deposit count. */
    private static int buildChain(Rpc rpc, DeployedContracts contracts) {
        List<String> accounts = new ArrayList<>();
        rpc.call("eth_accounts", "[]").forEach(account -> accounts.add(account.asString()));
        BigInteger perAccount = DEPOSIT_AMOUNT.multiply(BigInteger.valueOf((long) DEPOSIT_BLOCKS * DEPOSITS_PER_BLOCK));
        for (String account : accounts) {
            rpc.transact(contracts.operator(), contracts.token(), FunctionEncoder.encode(new Function("mint",
                    List.of(new Address(account), new Uint256(perAccount)), List.of())));
            rpc.transact(account, contracts.token(), FunctionEncoder.encode(new Function("approve",
                    List.of(new Address(contracts.vault()), new Uint256(perAccount)), List.of())));
        }
        String deposit = FunctionEncoder.encode(new Function("deposit", List.of(new Uint256(DEPOSIT_AMOUNT)),
                List.of()));
        rpc.call("evm_setAutomine", "[false]");
        for (int block = 0; block < DEPOSIT_BLOCKS; block++) {
            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < DEPOSITS_PER_BLOCK; i++) {
                batch.append(i == 0 ? "" : ",").append(Rpc.request(i, "eth_sendTransaction",
                        "[{\"from\":\"" + accounts.get(i % accounts.size()) + "\",\"to\":\"" + contracts.vault()
                                + "\",\"gas\":\"0x30000\",\"data\":\"" + deposit + "\"}]"));
            }
            rpc.batch(batch.append("]").toString());
            rpc.call("evm_mine", "[]");
            rpc.call("anvil_mine", "[\"0x" + Integer.toHexString(EMPTY_BLOCKS_AFTER_EACH) + "\"]");
        }
        rpc.call("evm_setAutomine", "[true]");
        return DEPOSIT_BLOCKS * DEPOSITS_PER_BLOCK;
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
        Row adaptive = rows.getLast();
        double took = seconds(adaptive.result().nanos());
        System.out.printf(Locale.ROOT, "Aim >= 2,000 blocks/s: %s; >= 5,000 events/s: %s%n",
                head / took >= 2_000 ? "met" : "NOT met", adaptive.result().events() / took >= 5_000 ? "met" : "NOT met");
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private record Result(long nanos, long events, int announced) {
    }

    private record Row(String what, Result result) {
    }

    /** Bare JSON-RPC to Anvil, for the node's unlocked development accounts and its test controls. */
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

        void transact(String from, String to, String data) {
            call("eth_sendTransaction", "[{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"data\":\"" + data
                    + "\"}]");
        }

        void batch(String body) {
            for (JsonNode answer : JSON.readTree(post(body))) {
                if (answer.has("error")) {
                    throw new IllegalStateException("eth_sendTransaction: " + answer.get("error"));
                }
            }
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
