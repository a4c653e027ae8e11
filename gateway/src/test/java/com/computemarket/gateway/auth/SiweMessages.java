package com.computemarket.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Builds and signs EIP-4361 messages the way a wallet would. Uses Anvil's development account #1: a PUBLIC test
 * key, never to hold anything of value.
 */
public final class SiweMessages {

    public static final String DEV_KEY_1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    public static final String DEV_ADDRESS_1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private SiweMessages() {
    }

    public static String message(String domain, String address, long chainId, String nonce, Instant issuedAt,
                                 Instant expirationTime) {
        return domain + " wants you to sign in with your Ethereum account:\n"
                + address + "\n"
                + "\n"
                + "Sign in to Compute Market.\n"
                + "\n"
                + "URI: http://" + domain + "\n"
                + "Version: 1\n"
                + "Chain ID: " + chainId + "\n"
                + "Nonce: " + nonce + "\n"
                + "Issued At: " + issuedAt + "\n"
                + (expirationTime != null ? "Expiration Time: " + expirationTime + "\n" : "");
    }

    public static String sign(String message, String privateKeyHex) {
        Sign.SignatureData signature = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8),
                Credentials.create(privateKeyHex).getEcKeyPair());
        byte[] bytes = new byte[65];
        System.arraycopy(signature.getR(), 0, bytes, 0, 32);
        System.arraycopy(signature.getS(), 0, bytes, 32, 32);
        bytes[64] = signature.getV()[0];
        return Numeric.toHexString(bytes);
    }
}
