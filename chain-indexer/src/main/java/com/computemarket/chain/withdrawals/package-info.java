/**
 * Withdrawals: takes WithdrawalRequested (signed by the owner with EIP-712, already debited by escrow), journals a
 * WITHDRAW transaction to the vault's {@code withdrawWithSignature}, and reports WithdrawalExecuted once its block has
 * enough confirmations, or WithdrawalFailed with a precise reason code so that escrow compensates. After a reorg
 * removes its transaction it is sent again; a reported payout that left the chain is reported as WithdrawalReopened
 * and the paid resend as another WithdrawalExecuted. Once a transaction with the owner's signature was signed, a
 * refusal ends the withdrawal only for good (deadline passed, nonce used by another withdrawal): WithdrawalReversed if
 * it was reported executed, WithdrawalFailed if not; one refused for now (e.g. paused) is sent again until it is paid
 * or its deadline passes.
 */
package com.computemarket.chain.withdrawals;
