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

    /**
     * True for the refusals after which no transaction with the same signature can pay: the deadline passed, or the
     * nonce is used. The others (a pause, a revert; a signature the vault once accepted is not refused later) may
     * pass. The caller still has to make sure the refusal holds at the latest block and that a used nonce is not
     * this withdrawal's own payout.
     */
    boolean endsEveryPayment() {
        return this == DEADLINE_PASSED || this == NONCE_USED;
    }

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
