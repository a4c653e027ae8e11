package com.computemarket.escrow;

import com.computemarket.testsupport.TestAddresses;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh participants per test, so tests sharing one database never see each other's balances. */
public final class TestParties {

    public static String newAddress() {
        return TestAddresses.fresh();
    }

    public static String newTxHash() {
        return "0x" + randomHex(32);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private TestParties() {
    }
}
