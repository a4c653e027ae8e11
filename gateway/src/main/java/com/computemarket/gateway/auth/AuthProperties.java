package com.computemarket.gateway.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Sign-in settings.
 *
 * @param domain             the EIP-4361 domain a message must name (host[:port] the user sees)
 * @param chainId            the chain a message must name
 * @param nonceTtl           how long an issued nonce may be used
 * @param tokenTtl           lifetime of an access token
 * @param issuer             {@code iss} of issued tokens
 * @param audience           {@code aud} of issued tokens
 * @param signingKeyLocation PKCS#8 PEM RSA private key; when absent an ephemeral key is generated at startup
 * @param noncePurgeInterval how often expired, never-used nonces are deleted
 */
@ConfigurationProperties("gateway.auth")
public record AuthProperties(
        @DefaultValue("localhost:8080") String domain,
        @DefaultValue("31337") long chainId,
        @DefaultValue("5m") Duration nonceTtl,
        @DefaultValue("15m") Duration tokenTtl,
        @DefaultValue("compute-market-gateway") String issuer,
        @DefaultValue("compute-market") String audience,
        Resource signingKeyLocation,
        @DefaultValue("1m") Duration noncePurgeInterval) {
}
