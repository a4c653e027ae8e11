/**
 * Routes from public paths to the services (typed service URIs, per-route circuit breakers with a problem+json
 * fallback, long-poll timeouts) and the {@code X-Request-Id} correlation header.
 */
package com.computemarket.gateway.routing;
