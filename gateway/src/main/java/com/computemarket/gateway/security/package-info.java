/**
 * Who may pass the gateway: public auth, health and docs endpoints; {@code /api/**} only with a token this gateway
 * issued (issuer and audience checked); CORS for browser frontends.
 */
package com.computemarket.gateway.security;
