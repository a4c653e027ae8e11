package com.computemarket.escrow.withdrawals.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.computemarket.escrow.withdrawals.WithdrawalSigner;
import com.computemarket.testsupport.DevAccounts;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;

/** EIP-712 hashing and signer recovery of withdrawals, with Anvil's development keys. */
class WithdrawalSignaturesTest {

    private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();

    private final WithdrawalSignatures signatures =
            new WithdrawalSignatures(WithdrawalSigner.CHAIN_ID, WithdrawalSigner.VAULT);
    private final WithdrawalSigner signer = new WithdrawalSigner();
    private final ECKeyPair consumer = DevAccounts.CONSUMER.credentials().getEcKeyPair();
    private final String to = DevAccounts.PROVIDER_A.address();

    @Test
    void hashesTheTypedDataAsAWalletDoes() throws Exception {
        SignedWithdrawal withdrawal = new SignedWithdrawal(DevAccounts.CONSUMER.address(), to,
                new BigInteger("1000000000000000000000"), BigInteger.valueOf(7), 1795698000L, "0x");
        String typedData = """
                {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                "Withdrawal":[{"name":"owner","type":"address"},{"name":"to","type":"address"},
                {"name":"amount","type":"uint256"},{"name":"nonce","type":"uint256"},{"name":"deadline","type":"uint256"}]},
                "primaryType":"Withdrawal",
                "domain":{"name":"ComputeMarket EscrowVault","version":"1","chainId":31337,
                "verifyingContract":"%s"},
                "message":{"owner":"%s","to":"%s","amount":"1000000000000000000000","nonce":"7","deadline":"1795698000"}}"""
                .formatted(WithdrawalSigner.VAULT, DevAccounts.CONSUMER.address(), to);

        assertThat(HexFormat.of().formatHex(signatures.digest(withdrawal)))
                .isEqualTo(HexFormat.of().formatHex(new StructuredDataEncoder(typedData).hashStructuredData()));
    }

    @Test
    void recoversTheOwnerFromItsSignature() {
        for (DevAccounts account : new DevAccounts[] {DevAccounts.CONSUMER, DevAccounts.PROVIDER_B}) {
            SignedWithdrawal signed = signer.sign(account.credentials().getEcKeyPair(), to, BigInteger.TEN,
                    BigInteger.ONE, 1795698000L);

            assertThat(signatures.signer(signed)).contains(account.address());
        }
    }

    @Test
    void aChangedFieldOrAnotherDomainRecoversSomeoneElse() {
        SignedWithdrawal signed = signer.sign(consumer, to, BigInteger.TEN, BigInteger.ONE, 1795698000L);
        SignedWithdrawal moreMoney = new SignedWithdrawal(signed.owner(), to, BigInteger.valueOf(11), signed.nonce(),
                signed.deadline(), signed.signature());
        SignedWithdrawal otherRecipient = new SignedWithdrawal(signed.owner(), DevAccounts.PROVIDER_B.address(),
                signed.amount(), signed.nonce(), signed.deadline(), signed.signature());

        assertThat(signatures.signer(moreMoney)).isNotEqualTo(signatures.signer(signed));
        assertThat(signatures.signer(otherRecipient)).isNotEqualTo(signatures.signer(signed));
        assertThat(new WithdrawalSignatures(1, WithdrawalSigner.VAULT).signer(signed))
                .isNotEqualTo(signatures.signer(signed));
        assertThat(new WithdrawalSignatures(31337, DevAccounts.DEPLOYER.address()).signer(signed))
                .isNotEqualTo(signatures.signer(signed));
    }

    @Test
    void refusesSignaturesTheVaultWouldRefuse() {
        SignedWithdrawal signed = signer.sign(consumer, to, BigInteger.TEN, BigInteger.ONE, 1795698000L);
        byte[] rsv = HexFormat.of().parseHex(signed.signature().substring(2));
        // the same signature with s' = n - s and v flipped recovers the same key, but is malleable
        byte[] malleable = rsv.clone();
        byte[] highS = CURVE_ORDER.subtract(new BigInteger(1, java.util.Arrays.copyOfRange(rsv, 32, 64))).toByteArray();
        System.arraycopy(highS, highS.length - 32, malleable, 32, 32);
        malleable[64] = (byte) (rsv[64] == 27 ? 28 : 27);
        byte[] zeroV = rsv.clone();
        zeroV[64] = (byte) (rsv[64] - 27);

        assertThat(signatures.signer(with(signed, rsv))).contains(DevAccounts.CONSUMER.address());
        assertThat(signatures.signer(with(signed, malleable))).isEmpty();
        assertThat(signatures.signer(with(signed, zeroV))).isEmpty();
        assertThat(signatures.signer(with(signed, java.util.Arrays.copyOf(rsv, 64)))).isEmpty();
        assertThat(signatures.signer(with(signed, new byte[65]))).isEmpty();
    }

    private static SignedWithdrawal with(SignedWithdrawal signed, byte[] signature) {
        return new SignedWithdrawal(signed.owner(), signed.to(), signed.amount(), signed.nonce(), signed.deadline(),
                "0x" + HexFormat.of().formatHex(signature));
    }
}
