package com.computemarket.escrow.withdrawals.model;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * EIP-712 hashing of withdrawals exactly as the EscrowVault verifies them: domain {@code name "ComputeMarket
 * EscrowVault", version "1", chainId, verifyingContract = vault}, type {@code Withdrawal(address owner,address to,
 * uint256 amount,uint256 nonce,uint256 deadline)}; and recovery of the signer. Signatures the vault would refuse
 * (OpenZeppelin's ECDSA: s in the upper half of the curve order, v other than 27/28) are refused here too, so that
 * escrow never debits a withdrawal the vault cannot execute.
 */
public final class WithdrawalSignatures {

    static final String DOMAIN_NAME = "ComputeMarket EscrowVault";
    static final String DOMAIN_VERSION = "1";
    private static final byte[] DOMAIN_TYPE_HASH = keccak(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    private static final byte[] WITHDRAWAL_TYPE_HASH = keccak(
            "Withdrawal(address owner,address to,uint256 amount,uint256 nonce,uint256 deadline)");
    private static final BigInteger HALF_CURVE_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);
    private static final BigInteger UINT256_LIMIT = BigInteger.TWO.pow(256);

    private final byte[] domainSeparator;

    public WithdrawalSignatures(long chainId, String vault) {
        this.domainSeparator = Hash.sha3(concat(DOMAIN_TYPE_HASH, keccak(DOMAIN_NAME), keccak(DOMAIN_VERSION),
                uint256(BigInteger.valueOf(chainId)), address(vault)));
    }

    /** The 32-byte digest the owner signs: keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(withdrawal)). */
    public byte[] digest(SignedWithdrawal withdrawal) {
        byte[] structHash = Hash.sha3(concat(WITHDRAWAL_TYPE_HASH, address(withdrawal.owner()),
                address(withdrawal.to()), uint256(withdrawal.amount()), uint256(withdrawal.nonce()),
                uint256(BigInteger.valueOf(withdrawal.deadline()))));
        return Hash.sha3(concat(new byte[] {0x19, 0x01}, domainSeparator, structHash));
    }

    /**
     * The EIP-55 address whose key made the signature over the withdrawal's digest; empty if the signature is not
     * well-formed, not canonical (high s, v other than 27/28) or recovers no key.
     */
    public Optional<String> signer(SignedWithdrawal withdrawal) {
        byte[] signature;
        try {
            signature = Numeric.hexStringToByteArray(withdrawal.signature());
        } catch (RuntimeException notHex) {
            return Optional.empty();
        }
        if (signature.length != 65) {
            return Optional.empty();
        }
        byte v = signature[64];
        byte[] r = Arrays.copyOfRange(signature, 0, 32);
        byte[] s = Arrays.copyOfRange(signature, 32, 64);
        if ((v != 27 && v != 28) || new BigInteger(1, s).compareTo(HALF_CURVE_ORDER) > 0) {
            return Optional.empty();
        }
        try {
            BigInteger publicKey = Sign.signedMessageHashToKey(digest(withdrawal), new Sign.SignatureData(v, r, s));
            return Optional.of(Keys.toChecksumAddress(Keys.getAddress(publicKey)));
        } catch (SignatureException | RuntimeException unrecoverable) {
            return Optional.empty();
        }
    }

    /** Whether {@code value} fits an EIP-712 uint256. */
    public static boolean fitsUint256(BigInteger value) {
        return value.signum() >= 0 && value.compareTo(UINT256_LIMIT) < 0;
    }

    private static byte[] keccak(String text) {
        return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] uint256(BigInteger value) {
        if (!fitsUint256(value)) {
            throw new IllegalArgumentException("not a uint256: " + value);
        }
        return Numeric.toBytesPadded(value, 32);
    }

    private static byte[] address(String address) {
        byte[] raw = HexFormat.of().parseHex(address.substring(2));
        if (raw.length != 20) {
            throw new IllegalArgumentException("not an address: " + address);
        }
        byte[] word = new byte[32];
        System.arraycopy(raw, 0, word, 12, 20);
        return word;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }
}
