package com.computemarket.chain.settlements;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * A Merkle tree laid out exactly like OpenZeppelin's {@code StandardMerkleTree} (npm {@code @openzeppelin/merkle-tree},
 * default {@code sortLeaves: true}), so roots and proofs are identical to what that library produces and what
 * {@code MerkleProof.verify} accepts on chain:
 * <ul>
 *   <li>leaves are sorted ascending as unsigned bytes;</li>
 *   <li>the tree is a complete binary tree in an array of {@code 2n - 1} nodes, leaf {@code i} stored at
 *       {@code 2n - 2 - i}, children of node {@code k} at {@code 2k + 1} and {@code 2k + 2};</li>
 *   <li>an inner node is {@code keccak256} of its two children, smaller first (sorted pairs).</li>
 * </ul>
 * Leaves are already hashed (see {@link SettlementLeaf}); the tree does not hash them again.
 */
public final class MerkleTree {

    private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

    private final byte[][] nodes;

    private MerkleTree(byte[][] nodes) {
        this.nodes = nodes;
    }

    public static MerkleTree of(Collection<byte[]> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        List<byte[]> sorted = new ArrayList<>(leaves.size());
        for (byte[] leaf : leaves) {
            requireWord(leaf);
            sorted.add(leaf.clone());
        }
        sorted.sort(UNSIGNED);
        byte[][] nodes = new byte[2 * sorted.size() - 1][];
        for (int i = 0; i < sorted.size(); i++) {
            nodes[nodes.length - 1 - i] = sorted.get(i);
        }
        for (int k = nodes.length - 1 - sorted.size(); k >= 0; k--) {
            nodes[k] = hashPair(nodes[2 * k + 1], nodes[2 * k + 2]);
        }
        return new MerkleTree(nodes);
    }

    public byte[] root() {
        return nodes[0].clone();
    }

    public int leafCount() {
        return (nodes.length + 1) / 2;
    }

    /** Sibling hashes from {@code leaf} up to the root; empty for a one-leaf tree. */
    public List<byte[]> proof(byte[] leaf) {
        int index = indexOf(leaf);
        List<byte[]> proof = new ArrayList<>();
        while (index > 0) {
            int sibling = index % 2 == 1 ? index + 1 : index - 1;
            proof.add(nodes[sibling].clone());
            index = (index - 1) / 2;
        }
        return proof;
    }

    public boolean contains(byte[] leaf) {
        return findIndex(leaf) >= 0;
    }

    /** The same computation as OpenZeppelin's {@code MerkleProof.verify}. */
    public static boolean verify(List<byte[]> proof, byte[] root, byte[] leaf) {
        byte[] computed = leaf;
        for (byte[] sibling : proof) {
            computed = hashPair(computed, sibling);
        }
        return Arrays.equals(computed, root);
    }

    static byte[] hashPair(byte[] a, byte[] b) {
        byte[] pair = new byte[64];
        boolean aFirst = Arrays.compareUnsigned(a, b) <= 0;
        System.arraycopy(aFirst ? a : b, 0, pair, 0, 32);
        System.arraycopy(aFirst ? b : a, 0, pair, 32, 32);
        return Hash.sha3(pair);
    }

    private int indexOf(byte[] leaf) {
        int index = findIndex(leaf);
        if (index < 0) {
            throw new IllegalArgumentException("leaf is not in the tree");
        }
        return index;
    }

    private int findIndex(byte[] leaf) {
        for (int k = nodes.length - leafCount(); k < nodes.length; k++) {
            if (Arrays.equals(nodes[k], leaf)) {
                return k;
            }
        }
        return -1;
    }

    private static void requireWord(byte[] leaf) {
        if (leaf == null || leaf.length != 32) {
            throw new IllegalArgumentException("a leaf is a 32-byte hash");
        }
    }
}
