/**
 * Sign-In with Ethereum (EIP-4361): single-use login nonces in PostgreSQL, parsing and checking the signed message,
 * recovering the signer from the personal_sign signature, and issuing RS256 access tokens published at
 * {@code /auth/jwks}.
 */
package com.computemarket.gateway.auth;
