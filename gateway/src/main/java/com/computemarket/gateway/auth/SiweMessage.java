package com.computemarket.gateway.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The fields of an EIP-4361 message. {@code address} is exactly as written in the message.
 */
record SiweMessage(
        String scheme,
        String domain,
        String address,
        Optional<String> statement,
        String uri,
        String version,
        long chainId,
        String nonce,
        Instant issuedAt,
        Optional<Instant> expirationTime,
        Optional<Instant> notBefore,
        Optional<String> requestId,
        List<String> resources) {
}
