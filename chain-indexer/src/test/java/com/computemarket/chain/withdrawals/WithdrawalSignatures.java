package com.computemarket.chain.withdrawals;

import com.computemarket.events.WithdrawalRequested;
import com.computemarket.testsupport.DevAccounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** Signs withdrawal requests the way an owner's wallet does, for the tests that send them to the vault on Anvil. */
final class WithdrawalSignatures {

    private WithdrawalSignatures() {
    }

    /**
     * The request with the EIP-712 signature WithdrawalRequested's javadoc describes, made by {@code signer} for the
     * vault at {@code verifyingContract} (a test may sign for another vault than the request names).
     */
    static WithdrawalRequested signedBy(DevAccounts signer, WithdrawalRequested request, String verifyingContract) {
        String typedData = """
                {"types": {
                   "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                                    {"name": "chainId", "type": "uint256"},
                                    {"name": "verifyingContract", "type": "address"}],
                   "Withdrawal": [{"name": "owner", "type": "address"}, {"name": "to", "type": "address"},
                                  {"name": "amount", "type": "uint256"}, {"name": "nonce", "type": "uint256"},
                                  {"name": "deadline", "type": "uint256"}]},
                 "primaryType": "Withdrawal",
                 "domain": {"name": "ComputeMarket EscrowVault", "version": "1", "chainId": %d,
                            "verifyingContract": "%s"},
                 "message": {"owner": "%s", "to": "%s", "amount": %s, "nonce": %s, "deadline": %d}}
                """.formatted(request.chainId(), verifyingContract, request.account(), request.to(), request.amount(),
                request.nonce(), request.deadline());
        try {
            Sign.SignatureData signature = Sign.signTypedData(typedData, signer.credentials().getEcKeyPair());
            byte[] packed = new byte[65];
            System.arraycopy(signature.getR(), 0, packed, 0, 32);
            System.arraycopy(signature.getS(), 0, packed, 32, 32);
            packed[64] = signature.getV()[0];
            return new WithdrawalRequested(request.withdrawalId(), request.chainId(), request.vault(),
                    request.account(), request.to(), request.amount(), request.nonce(), request.deadline(),
                    Numeric.toHexString(packed), request.requestedAt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
