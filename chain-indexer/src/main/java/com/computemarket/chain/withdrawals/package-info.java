/**
 * Withdrawals: takes WithdrawalRequested (signed by the owner with EIP-712, already debited by escrow), journals a
 * WITHDRAW transaction to the vault's {@code withdrawWithSignature}, and reports WithdrawalExecuted once its block has
 * enough confirmations, or WithdrawalFailed with a precise reason code so that escrow compensates. After a reorg
 * removes its transaction it is sent again; a reported withdrawal whose resend the vault refuses for good (deadline
 * passed, nonce used by another withdrawal) is reported as WithdrawalReversed, and one refused for now (e.g. paused)
 * is sent again until it is paid or its deadline passes.
 */
package com.computemarket.chain.withdrawals;
