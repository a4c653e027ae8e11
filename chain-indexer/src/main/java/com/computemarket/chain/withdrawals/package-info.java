/**
 * Withdrawals: takes WithdrawalRequested (signed by the owner with EIP-712, already debited by escrow), journals a
 * WITHDRAW transaction to the vault's {@code withdrawWithSignature}, and reports WithdrawalExecuted once its block has
 * enough confirmations, or WithdrawalFailed with a precise reason code so that escrow compensates.
 */
package com.computemarket.chain.withdrawals;
