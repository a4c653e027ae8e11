/**
 * Market prices as frontends and quotes see them: percentiles of recent clearing prices. What a lease costs is
 * {@link com.computemarket.events.LeasePricing}, the rule matching shares with escrow.
 */
package com.computemarket.matching.pricing;
