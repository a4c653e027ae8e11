/**
 * Market prices as frontends and quotes see them: percentiles of recent clearing prices, and the market price index
 * (clearing prices of a {@link com.computemarket.matching.pricing.ResourceClass} bucketed over a
 * {@link com.computemarket.matching.pricing.PriceWindow}, GET /api/v1/market/prices). What a lease costs is
 * {@link com.computemarket.events.LeasePricing}, the rule matching shares with escrow.
 */
package com.computemarket.matching.pricing;
