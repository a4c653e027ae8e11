package com.computemarket.events;

/** Why a provider's bonded stake went down: typed, so that a reader never parses a message to find out. */
public enum StakeReductionCause {
    /** The provider asked to unbond; the amount waits out the cooldown and then returns to its available balance. */
    UNBONDING,
    /** A slashing policy took part of a lease's locked collateral (a rejected result or a lost lease). */
    SLASHED
}
