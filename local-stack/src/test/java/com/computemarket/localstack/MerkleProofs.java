package com.computemarket.localstack;

import java.util.Arrays;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * An independent check of an inclusion proof, the way OpenZeppelin's MerkleProof does it: hash sorted pairs up to
 * the root. Written here from the algorithm, not taken from chain-indexer, so the end-to-end test checks its output.
 */
final class MerkleProofs {

    static byte[] rootFrom(byte[] leaf, List<byte[]> proof) {
        byte[] node = leaf;
        for (byte[] sibling : proof) {
            byte[] first = Arrays.compareUnsigned(node, sibling) <= 0 ? node : sibling;
            byte[] second = first == node ? sibling : node;
            byte[] pair = new byte[64];
            System.arraycopy(first, 0, pair, 0, 32);
            System.arraycopy(second, 0, pair, 32, 32);
            node = Hash.sha3(pair);
        }
        return node;
    }

    private MerkleProofs() {
    }
}
