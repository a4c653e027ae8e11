package com.computemarket.testsupport;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.web3j.crypto.Keys;

/** Fresh participants, so tests that share one database and broker never see each other's accounts or jobs. */
public final class TestAddresses {

    /** A random EIP-55 checksummed address, as the gateway puts callers in its tokens. */
    public static String fresh() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Keys.toChecksumAddress(HexFormat.of().formatHex(bytes));
    }

    private TestAddresses() {
    }
}
