package com.computemarket.chain.settlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class MerkleTreeTest {

    private final Random random = new Random(42);

    @Test
    void aSingleLeafIsItsOwnRootWithAnEmptyProof() {
        byte[] leaf = randomWord();

        MerkleTree tree = MerkleTree.of(List.of(leaf));

        assertThat(tree.root()).isEqualTo(leaf);
        assertThat(tree.proof(leaf)).isEmpty();
        assertThat(MerkleTree.verify(List.of(), tree.root(), leaf)).isTrue();
    }

    @Test
    void twoLeavesHashAsASortedPair() {
        byte[] a = randomWord();
        byte[] b = randomWord();
        byte[] low = Arrays.compareUnsigned(a, b) < 0 ? a : b;
        byte[] high = low == a ? b : a;
        byte[] concatenated = new byte[64];
        System.arraycopy(low, 0, concatenated, 0, 32);
        System.arraycopy(high, 0, concatenated, 32, 32);

        MerkleTree tree = MerkleTree.of(List.of(a, b));

        assertThat(tree.root()).isEqualTo(Hash.sha3(concatenated));
        assertThat(tree.proof(a)).containsExactly(b);
        assertThat(tree.proof(b)).containsExactly(a);
    }

    @Test
    void everyLeafOfTreesOfManySizesHasAProofThatVerifies() {
        for (int size = 1; size <= 17; size++) {
            List<byte[]> leaves = randomWords(size);
            MerkleTree tree = MerkleTree.of(leaves);

            for (byte[] leaf : leaves) {
                assertThat(MerkleTree.verify(tree.proof(leaf), tree.root(), leaf))
                        .as("leaf of a tree of %d", size).isTrue();
            }
        }
    }

    @Test
    void aProofDoesNotVerifyAnotherLeafOrAnotherRoot() {
        List<byte[]> leaves = randomWords(5);
        MerkleTree tree = MerkleTree.of(leaves);
        List<byte[]> proof = tree.proof(leaves.get(2));

        assertThat(MerkleTree.verify(proof, tree.root(), leaves.get(3))).isFalse();
        assertThat(MerkleTree.verify(proof, tree.root(), randomWord())).isFalse();
        assertThat(MerkleTree.verify(proof, randomWord(), leaves.get(2))).isFalse();
    }

    @Test
    void theRootDoesNotDependOnTheOrderLeavesArriveIn() {
        List<byte[]> leaves = randomWords(7);
        List<byte[]> shuffled = new ArrayList<>(leaves);
        Collections.shuffle(shuffled, random);

        assertThat(MerkleTree.of(shuffled).root()).isEqualTo(MerkleTree.of(leaves).root());
    }

    @Test
    void refusesNoLeavesMalformedLeavesAndProofsOfStrangers() {
        assertThatThrownBy(() -> MerkleTree.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.of(List.of(new byte[31]))).isInstanceOf(IllegalArgumentException.class);
        MerkleTree tree = MerkleTree.of(randomWords(3));
        assertThatThrownBy(() -> tree.proof(randomWord())).isInstanceOf(IllegalArgumentException.class);
    }

    private List<byte[]> randomWords(int count) {
        List<byte[]> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add(randomWord());
        }
        return words;
    }

    private byte[] randomWord() {
        byte[] word = new byte[32];
        random.nextBytes(word);
        return word;
    }
}
