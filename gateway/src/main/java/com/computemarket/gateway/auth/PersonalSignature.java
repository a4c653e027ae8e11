package com.computemarket.gateway.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * An Ethereum {@code personal_sign} signature (65 bytes r ‖ s ‖ v, hex) over a UTF-8 message.
 */
final class PersonalSignature {

    private static final Pattern HEX_SIGNATURE = Pattern.compile("0x[0-9a-fA-F]{130}");

    private final Sign.SignatureData data;

    private PersonalSignature(Sign.SignatureData data) {
        this.data = data;
    }

    static PersonalSignature parse(String hex) {
        if (hex == null || !HEX_SIGNATURE.matcher(hex).matches()) {
            throw SignInRejected.malformed("signature", "the signature must be 65 bytes as 0x-prefixed hex");
        }
        byte[] bytes = Numeric.hexStringToByteArray(hex);
        byte v = bytes[64];
        // Wallets write v as 27/28; some libraries write the bare recovery id 0/1.
        if (v == 0 || v == 1) {
            v += 27;
        }
        if (v != 27 && v != 28) {
            throw SignInRejected.malformed("signature", "the recovery byte v must be 27 or 28");
        }
        return new PersonalSignature(new Sign.SignatureData(v, Arrays.copyOfRange(bytes, 0, 32),
                Arrays.copyOfRange(bytes, 32, 64)));
    }

    /**
     * @return the 0x-prefixed lower-case address whose key produced this signature over {@code message}
     */
    String recoverSigner(String message) {
        try {
            BigInteger publicKey = Sign.signedPrefixedMessageToKey(message.getBytes(StandardCharsets.UTF_8), data);
            return "0x" + Keys.getAddress(publicKey);
        } catch (SignatureException | IllegalArgumentException e) {
            throw SignInRejected.refused("signature", "no signer can be recovered from the signature");
        }
    }

    boolean isBy(String address, String message) {
        return recoverSigner(message).equalsIgnoreCase(address);
    }
}
