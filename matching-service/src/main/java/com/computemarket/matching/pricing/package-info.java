/**
 * The money rules matching shares with escrow: a price per hour applied to a duration, rounded down in the
 * consumer's favour. All amounts are integer token base units.
 */
package com.computemarket.matching.pricing;
