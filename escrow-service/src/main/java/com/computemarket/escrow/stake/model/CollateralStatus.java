package com.computemarket.escrow.stake.model;

/** LOCKED while the lease runs; RELEASED once what was not slashed went back to the provider's free stake. */
public enum CollateralStatus {
    LOCKED,
    RELEASED
}
