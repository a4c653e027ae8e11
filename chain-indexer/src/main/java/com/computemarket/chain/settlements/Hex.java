package com.computemarket.chain.settlements;

import org.web3j.utils.Numeric;

/** 32-byte hashes travel as lowercase 0x-prefixed hex in the database and in JSON. */
final class Hex {

    private Hex() {
    }

    static String of(byte[] word) {
        return Numeric.toHexString(word);
    }

    static byte[] word(String hex) {
        byte[] bytes = Numeric.hexStringToByteArray(hex);
        if (bytes.length != 32) {
            throw new IllegalArgumentException("not a 32-byte hex word: " + hex);
        }
        return bytes;
    }
}
