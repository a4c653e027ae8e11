package com.computemarket.chain.settlements;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the same trees with {@code @openzeppelin/merkle-tree} (run by node from {@code chain.tools.dir}) and with
 * {@link MerkleTree}/{@link SettlementLeaf}: leaves, roots and every proof must be identical.
 */
class OpenZeppelinMerkleTreeCrossCheckTest {

    private static final int[] TREE_SIZES = {1, 2, 3, 4, 5, 7, 8, 13, 33};

    private final Random random = new Random(7);
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void leavesRootsAndProofsEqualOpenZeppelins() throws Exception {
        List<List<Settlement>> trees = new ArrayList<>();
        for (int size : TREE_SIZES) {
            List<Settlement> settlements = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                settlements.add(randomSettlement());
            }
            trees.add(settlements);
        }

        JsonNode reference = runOpenZeppelin(trees);

        for (int t = 0; t < trees.size(); t++) {
            List<Settlement> settlements = trees.get(t);
            List<byte[]> leaves = settlements.stream().map(Settlement::leaf).toList();
            MerkleTree tree = MerkleTree.of(leaves);
            JsonNode expected = reference.get(t);

            assertThat(Hex.of(tree.root())).as("root of %d leaves", leaves.size())
                    .isEqualTo(expected.get("root").asString());
            for (int i = 0; i < leaves.size(); i++) {
                JsonNode entry = expected.get("entries").get(i);
                assertThat(Hex.of(leaves.get(i))).isEqualTo(entry.get("leaf").asString());
                List<String> expectedProof = new ArrayList<>();
                entry.get("proof").forEach(node -> expectedProof.add(node.asString()));
                assertThat(tree.proof(leaves.get(i)).stream().map(Hex::of).toList())
                        .as("proof of leaf %d of %d", i, leaves.size()).isEqualTo(expectedProof);
            }
        }
    }

    private JsonNode runOpenZeppelin(List<List<Settlement>> trees) throws IOException, InterruptedException,
            URISyntaxException {
        Path script = Path.of(getClass().getResource("/oz-merkle-tree.cjs").toURI());
        String toolsDir = System.getProperty("chain.tools.dir", Path.of("..", "node_modules").toAbsolutePath().toString());
        Process node = new ProcessBuilder("node", script.toString(), toolsDir).redirectErrorStream(false).start();
        List<List<List<String>>> values = trees.stream()
                .map(settlements -> settlements.stream().map(Settlement::values).toList())
                .toList();
        try (var stdin = node.getOutputStream()) {
            stdin.write(json.writeValueAsBytes(Map.of("trees", values)));
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(errors).isZero();
        return json.readTree(output);
    }

    private Settlement randomSettlement() {
        return new Settlement(UUID.randomUUID(), randomAddress(), randomAddress(), randomAmount(), randomAmount(),
                random.nextInt(4) == 0 ? randomAmount() : BigInteger.ZERO);
    }

    private String randomAddress() {
        byte[] address = new byte[20];
        random.nextBytes(address);
        return Keys.toChecksumAddress(Numeric.toHexString(address));
    }

    private BigInteger randomAmount() {
        return new BigInteger(1 + random.nextInt(200), random);
    }

    private record Settlement(UUID id, String consumer, String provider, BigInteger payout, BigInteger fee,
            BigInteger refund) {

        byte[] leaf() {
            return SettlementLeaf.of(id, consumer, provider, payout, fee, refund);
        }

        /** The tuple as OpenZeppelin's tree takes it; uint256 as decimal strings. */
        List<String> values() {
            return List.of(Hex.of(SettlementLeaf.settlementIdWord(id)), consumer, provider, payout.toString(),
                    fee.toString(), refund.toString());
        }
    }
}
