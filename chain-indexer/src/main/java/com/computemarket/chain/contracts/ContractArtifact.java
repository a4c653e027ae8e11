package com.computemarket.chain.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** ABI and creation bytecode of a contract compiled by the build into {@code classpath:contracts/<Name>.abi|.bin}. */
public record ContractArtifact(String name, String abiJson, String bytecode) {

    public static ContractArtifact load(String name) {
        return new ContractArtifact(name, read("contracts/" + name + ".abi"), "0x" + read("contracts/" + name + ".bin").strip());
    }

    private static String read(String resource) {
        try (InputStream in = ContractArtifact.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: the build compiles src/main/solidity into it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
