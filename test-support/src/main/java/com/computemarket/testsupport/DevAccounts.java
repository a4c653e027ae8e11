package com.computemarket.testsupport;

import org.web3j.crypto.Credentials;

/**
 * Anvil's default development accounts (mnemonic "test test ... junk"). These private keys are PUBLIC, published
 * with Foundry and Hardhat, and hold value only on local development chains. Never use them anywhere else.
 */
public enum DevAccounts {
    DEPLOYER("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
    CONSUMER("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"),
    PROVIDER_A("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"),
    PROVIDER_B("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"),
    PROVIDER_C("0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a"),
    SECOND_CONSUMER("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");

    private final String privateKey;

    DevAccounts(String privateKey) {
        this.privateKey = privateKey;
    }

    public String privateKey() {
        return privateKey;
    }

    public Credentials credentials() {
        return Credentials.create(privateKey);
    }

    /** The EIP-55 checksummed address. */
    public String address() {
        return org.web3j.crypto.Keys.toChecksumAddress(credentials().getAddress());
    }
}
