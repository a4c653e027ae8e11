package com.computemarket.chain.contracts;

import com.computemarket.chain.settlements.MerkleTree;
import com.computemarket.chain.settlements.SettlementLeaf;
import com.computemarket.testsupport.AnvilNode;
import com.computemarket.testsupport.DevAccounts;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Gas per anchored settlement batch against one transaction per settlement, measured on a real Anvil in one run.
 * Not a test (surefire runs only {@code *Test}): run it with
 * {@code ./mvnw -o -q -pl chain-indexer test-compile exec:exec@gas-benchmark}; the figures go into
 * {@code docs/benchmarks.md}.
 *
 * <p>The baseline anchors each of {@value #LARGEST_BATCH} settlements as its own one-leaf batch (its root is its
 * leaf), which is what the service would pay without batching. The batched runs anchor one root over the first N of
 * the same settlements, built with the service's own {@link MerkleTree} and {@link SettlementLeaf}, and check on chain
 * that proofs of the first and last settlement verify, so a figure is never reported for a batch that would not work.
 */
public final class AnchorGasBenchmark {

    private static final int[] BATCH_SIZES = {1, 100, 1_000};
    private static final int LARGEST_BATCH = 1_000;
    /** Baseline batches get ids above every batched run's id, so no id is anchored twice. */
    private static final long FIRST_BASELINE_BATCH_ID = 1_000_000;
    /** Settlements are random but the same every run, so runs can be compared. */
    private static final long SETTLEMENT_SEED = 20_261_126L;
    /** Anvil mines on arrival; a short poll keeps the 1,000-transaction baseline from waiting on the poller. */
    private static final long RECEIPT_POLL_MILLIS = 10;
    private static final int RECEIPT_POLL_ATTEMPTS = 3_000;

    private AnchorGasBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        try (AnvilNode anvil = AnvilNode.start(0, null)) {
            Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
            try {
                String node = web3j.web3ClientVersion().send().getWeb3ClientVersion();
                List<Row> rows = measure(new ChainClient(web3j,
                        new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MILLIS, RECEIPT_POLL_ATTEMPTS)));
                print(node, rows);
            } finally {
                web3j.shutdown();
            }
        }
    }

    private static List<Row> measure(ChainClient chain) {
        Credentials operator = DevAccounts.DEPLOYER.credentials();
        String operatorAddress = DevAccounts.DEPLOYER.address();
        String anchorAddress = chain.deploy(operator, ContractArtifact.load(SettlementAnchorContract.NAME).bytecode(),
                SettlementAnchorContract.constructorArguments(operatorAddress, operatorAddress)).getContractAddress();
        SettlementAnchorContract anchor = new SettlementAnchorContract(chain, anchorAddress);
        List<byte[]> leaves = settlementLeaves(LARGEST_BATCH);

        long[] baselineGas = new long[LARGEST_BATCH];
        for (int i = 0; i < LARGEST_BATCH; i++) {
            baselineGas[i] = anchor.anchor(operator, FIRST_BASELINE_BATCH_ID + i, leaves.get(i), 1)
                    .getGasUsed().longValueExact();
        }

        List<Row> rows = new ArrayList<>();
        long batchId = 1;
        for (int size : BATCH_SIZES) {
            List<byte[]> batch = leaves.subList(0, size);
            MerkleTree tree = MerkleTree.of(batch);
            long batchGas = anchor.anchor(operator, batchId, tree.root(), size).getGasUsed().longValueExact();
            for (byte[] leaf : List.of(batch.getFirst(), batch.getLast())) {
                if (!anchor.verify(batchId, tree.proof(leaf), leaf)) {
                    throw new IllegalStateException("batch " + batchId + " of " + size + " does not verify on chain");
                }
            }
            rows.add(new Row(size, batchGas, Arrays.stream(baselineGas, 0, size).sum()));
            batchId++;
        }
        return rows;
    }

    /** Settlements shaped like real ones: random ids, dev-account parties, a 2.5 % fee, some refunds. */
    private static List<byte[]> settlementLeaves(int count) {
        Random random = new Random(SETTLEMENT_SEED);
        List<String> consumers = List.of(DevAccounts.CONSUMER.address(), DevAccounts.SECOND_CONSUMER.address());
        List<String> providers = List.of(DevAccounts.PROVIDER_A.address(), DevAccounts.PROVIDER_B.address(),
                DevAccounts.PROVIDER_C.address());
        List<byte[]> leaves = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigInteger escrow = new BigInteger(70, random);
            boolean paid = random.nextInt(10) > 0;
            BigInteger fee = paid ? escrow.multiply(BigInteger.valueOf(250)).divide(BigInteger.valueOf(10_000))
                    : BigInteger.ZERO;
            leaves.add(SettlementLeaf.of(new UUID(random.nextLong(), random.nextLong()),
                    consumers.get(random.nextInt(consumers.size())), providers.get(random.nextInt(providers.size())),
                    paid ? escrow.subtract(fee) : BigInteger.ZERO, fee, paid ? BigInteger.ZERO : escrow));
        }
        return leaves;
    }

    private static void print(String node, List<Row> rows) {
        System.out.printf(Locale.ROOT, "SettlementAnchor.anchor gas on %s%n", node);
        System.out.println("| batch size | gas per batch | gas per settlement | baseline gas per settlement"
                + " (1 tx each, same settlements) | ratio to baseline |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "| %,d | %,d | %,.1f | %,.1f | 1/%,.0f (%.5f) |%n", row.batchSize(),
                    row.batchGas(), row.gasPerSettlement(), row.baselineGasPerSettlement(),
                    1 / row.ratioToBaseline(), row.ratioToBaseline());
        }
        Row largest = rows.getLast();
        System.out.printf(Locale.ROOT, "Aim at %,d: <= 1/700 of baseline -> %s%n", largest.batchSize(),
                largest.ratioToBaseline() <= 1.0 / 700 ? "met" : "NOT met");
    }

    /** One batched anchor and what the same settlements cost anchored one transaction each. */
    private record Row(int batchSize, long batchGas, long baselineGas) {

        double gasPerSettlement() {
            return (double) batchGas / batchSize;
        }

        double baselineGasPerSettlement() {
            return (double) baselineGas / batchSize;
        }

        double ratioToBaseline() {
            return (double) batchGas / baselineGas;
        }
    }
}
