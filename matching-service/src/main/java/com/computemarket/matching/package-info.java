/**
 * matching-service: providers' capacity, jobs (orders), the provider feed, bids and auctions, and leases. Talks to
 * escrow and reputation only through events (transactional outbox out, idempotent inbox in); owns database
 * {@code matching}.
 */
package com.computemarket.matching;
