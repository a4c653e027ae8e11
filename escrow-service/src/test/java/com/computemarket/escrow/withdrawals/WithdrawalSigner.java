package com.computemarket.escrow.withdrawals;

import com.computemarket.escrow.withdrawals.model.SignedWithdrawal;
import com.computemarket.escrow.withdrawals.model.WithdrawalSignatures;
import java.math.BigInteger;
import java.util.HexFormat;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** Signs withdrawals as a wallet does (eth_signTypedData_v4 over the vault's EIP-712 domain). */
public final class WithdrawalSigner {

    public static final long CHAIN_ID = 31337;
    public static final String VAULT = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";

    private final WithdrawalSignatures signatures;

    public WithdrawalSigner(long chainId, String vault) {
        this.signatures = new WithdrawalSignatures(chainId, vault);
    }

    public WithdrawalSigner() {
        this(CHAIN_ID, VAULT);
    }

    public static String addressOf(ECKeyPair key) {
        return Keys.toChecksumAddress(Keys.getAddress(key));
    }

    /** The withdrawal signed by {@code key}, for the owner {@code key}'s address. */
    public SignedWithdrawal sign(ECKeyPair key, String to, BigInteger amount, BigInteger nonce, long deadline) {
        return signAs(key, addressOf(key), to, amount, nonce, deadline);
    }

    /** A withdrawal for {@code owner} signed by {@code key}, which may be someone else's. */
    public SignedWithdrawal signAs(ECKeyPair key, String owner, String to, BigInteger amount, BigInteger nonce,
            long deadline) {
        SignedWithdrawal unsigned = new SignedWithdrawal(owner, to, amount, nonce, deadline, "0x");
        Sign.SignatureData signature = Sign.signMessage(signatures.digest(unsigned), key, false);
        byte[] rsv = new byte[65];
        System.arraycopy(signature.getR(), 0, rsv, 0, 32);
        System.arraycopy(signature.getS(), 0, rsv, 32, 32);
        rsv[64] = signature.getV()[0];
        return new SignedWithdrawal(owner, to, amount, nonce, deadline, "0x" + HexFormat.of().formatHex(rsv));
    }
}
