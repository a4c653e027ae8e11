/**
 * Provider stake after bonding: unbonding through a cooldown, collateral each active lease locks from its provider's
 * free stake, and the named slashing policy that takes part of that collateral on a rejected result or a lost lease
 * (bonding itself is in {@code accounts}). The money is in the ledger (STAKE, STAKE_UNBONDING, STAKE_LOCKED,
 * SLASHED_FUNDS); this feature keeps per-request and per-lease records beside it and the evidence of each slash.
 */
package com.computemarket.escrow.stake;
