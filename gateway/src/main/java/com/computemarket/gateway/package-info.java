/**
 * The edge of Compute Market: signs users in with Ethereum, issues the JWTs every service trusts, and routes
 * {@code /api/**} to the services behind circuit breakers.
 */
package com.computemarket.gateway;
