package com.computemarket.verification.results.model;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** 32 bytes written as {@code 0x} and 64 hex digits; kept in lower case so that equal bytes compare equal. */
public record Bytes32(String hex) {

    public static final String PATTERN = "^0x[0-9a-fA-F]{64}$";
    private static final Pattern FORMAT = Pattern.compile(PATTERN);

    public Bytes32 {
        if (hex == null || !FORMAT.matcher(hex).matches()) {
            throw new IllegalArgumentException("not 0x followed by 64 hex digits: " + hex);
        }
        hex = hex.toLowerCase(Locale.ROOT);
    }

    public static Bytes32 of(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
        }
        return new Bytes32("0x" + HexFormat.of().formatHex(bytes));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex, 2, hex.length());
    }

    @Override
    public String toString() {
        return hex;
    }
}
