package com.computemarket.gateway.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.stereotype.Component;

/**
 * Mints RS256 access tokens for signed-in addresses.
 */
@Component
class AccessTokens {

    private final SigningKey key;
    private final RSASSASigner signer;
    private final Clock clock;
    private final AuthProperties properties;

    AccessTokens(SigningKey key, Clock clock, AuthProperties properties) {
        this.key = key;
        this.clock = clock;
        this.properties = properties;
        try {
            this.signer = new RSASSASigner(key.jwk());
        } catch (JOSEException e) {
            throw new IllegalStateException("The signing key cannot sign", e);
        }
    }

    AccessToken issueFor(String checksumAddress) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.tokenTtl());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(checksumAddress)
                .issuer(properties.issuer())
                .audience(properties.audience())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.keyId())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing an access token failed", e);
        }
        return new AccessToken(jwt.serialize(), properties.tokenTtl().toSeconds(), checksumAddress);
    }

    record AccessToken(String value, long expiresInSeconds, String address) {
    }
}
