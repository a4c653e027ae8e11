package com.computemarket.chain.withdrawals;

import com.computemarket.chain.contracts.EscrowVaultContract;
import java.util.Locale;

/** The stable reason codes of {@code WithdrawalFailed}, read from the vault's revert data. */
enum WithdrawalFailure {
    SIGNATURE_REJECTED,
    DEADLINE_PASSED,
    NONCE_USED,
    VAULT_PAUSED,
    REVERTED;

    /** Classifies what the node said when the call reverted (it carries the custom error's selector). */
    static WithdrawalFailure fromRevert(String revert) {
        String data = revert.toLowerCase(Locale.ROOT);
        if (data.contains(EscrowVaultContract.INVALID_SIGNATURE)) {
            return SIGNATURE_REJECTED;
        }
        if (data.contains(EscrowVaultContract.WITHDRAWAL_EXPIRED)) {
            return DEADLINE_PASSED;
        }
        if (data.contains(EscrowVaultContract.NONCE_ALREADY_USED)) {
            return NONCE_USED;
        }
        if (data.contains(EscrowVaultContract.ENFORCED_PAUSE)) {
            return VAULT_PAUSED;
        }
        return REVERTED;
    }
}
