package com.computemarket.gateway.auth;

import static com.computemarket.gateway.auth.SiweMessages.DEV_ADDRESS_1;
import static com.computemarket.gateway.auth.SiweMessages.DEV_KEY_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import com.computemarket.gateway.GatewayIntegrationTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@GatewayIntegrationTest
class SignInFlowTest {

    @Autowired
    WebTestClient client;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SigningKey signingKey;

    @Test
    void aSignedMessageWithAFreshNonceYieldsAVerifiableToken() throws Exception {
        String nonce = SignInClient.nonce(client);
        assertThat(nonce).matches("[A-Za-z0-9]{16,}");
        assertThat(jdbc.sql("SELECT count(*) FROM login_nonce WHERE nonce = ?").param(nonce)
                .query(Long.class).single()).isEqualTo(1);

        String message = SignInClient.messageFor(nonce);
        Map<String, Object> token = login(message, SiweMessages.sign(message, DEV_KEY_1))
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();

        assertThat(token).containsEntry("tokenType", "Bearer")
                .containsEntry("expiresIn", 900)
                .containsEntry("address", DEV_ADDRESS_1);
        String jwks = client.get().uri("/auth/jwks").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        RSAKey key = (RSAKey) JWKSet.parse(jwks).getKeys().getFirst();
        SignedJWT jwt = SignedJWT.parse((String) token.get("accessToken"));
        assertThat(key.getKeyID()).isNotBlank().isEqualTo(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(DEV_ADDRESS_1);
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("compute-market-gateway");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("compute-market");
        Date issuedAt = jwt.getJWTClaimsSet().getIssueTime();
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().getTime() - issuedAt.getTime()).isEqualTo(900_000);
        assertThat(jdbc.sql("SELECT count(*) FROM login_nonce WHERE nonce = ?").param(nonce)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aNonceWorksOnlyOnce() {
        String message = SignInClient.messageFor(SignInClient.nonce(client));
        String signature = SiweMessages.sign(message, DEV_KEY_1);
        login(message, signature).expectStatus().isOk();

        assertRefused(login(message, signature), HttpStatus.UNAUTHORIZED, "nonce");
    }

    @Test
    void aNonceTheGatewayNeverIssuedIsRefused() {
        String message = SignInClient.messageFor("NeverIssued1234567890");

        assertRefused(login(message, SiweMessages.sign(message, DEV_KEY_1)), HttpStatus.UNAUTHORIZED, "nonce");
    }

    @Test
    void anExpiredNonceIsRefused() {
        String nonce = "ExpiredNonce" + System.nanoTime();
        Instant past = Instant.now().minus(1, ChronoUnit.HOURS);
        jdbc.sql("INSERT INTO login_nonce (nonce, issued_at, expires_at) VALUES (?, ?, ?)")
                .params(nonce, Timestamp.from(past), Timestamp.from(past.plus(5, ChronoUnit.MINUTES)))
                .update();
        String message = SignInClient.messageFor(nonce);

        assertRefused(login(message, SiweMessages.sign(message, DEV_KEY_1)), HttpStatus.UNAUTHORIZED, "nonce");
    }

    @Test
    void aMessageForAnotherDomainIsRefusedAndLeavesTheNonceUsable() {
        String nonce = SignInClient.nonce(client);
        Instant now = Instant.now();
        String phishing = SiweMessages.message("evil.example", DEV_ADDRESS_1, 31337, nonce, now,
                now.plus(10, ChronoUnit.MINUTES));

        assertRefused(login(phishing, SiweMessages.sign(phishing, DEV_KEY_1)), HttpStatus.UNAUTHORIZED, "domain");

        String genuine = SignInClient.messageFor(nonce);
        login(genuine, SiweMessages.sign(genuine, DEV_KEY_1)).expectStatus().isOk();
    }

    @Test
    void aMessageForAnotherChainIsRefused() {
        Instant now = Instant.now();
        String message = SiweMessages.message("localhost:8080", DEV_ADDRESS_1, 1, SignInClient.nonce(client), now,
                now.plus(10, ChronoUnit.MINUTES));

        assertRefused(login(message, SiweMessages.sign(message, DEV_KEY_1)), HttpStatus.UNAUTHORIZED, "chainId");
    }

    @Test
    void anExpiredMessageIsRefused() {
        Instant now = Instant.now();
        String message = SiweMessages.message("localhost:8080", DEV_ADDRESS_1, 31337, SignInClient.nonce(client),
                now.minus(10, ChronoUnit.MINUTES), now.minus(1, ChronoUnit.MINUTES));

        assertRefused(login(message, SiweMessages.sign(message, DEV_KEY_1)), HttpStatus.UNAUTHORIZED,
                "expirationTime");
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String message = SignInClient.messageFor(SignInClient.nonce(client));
        String signature = SiweMessages.sign(message, DEV_KEY_1);
        char flipped = signature.charAt(40) == 'a' ? 'b' : 'a';
        String tampered = signature.substring(0, 40) + flipped + signature.substring(41);

        assertRefused(login(message, tampered), HttpStatus.UNAUTHORIZED, "signature");
    }

    @Test
    void aMessageSignedBySomeoneElseIsRefused() {
        String message = SignInClient.messageFor(SignInClient.nonce(client));
        String otherDevKey = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

        assertRefused(login(message, SiweMessages.sign(message, otherDevKey)), HttpStatus.UNAUTHORIZED,
                "signature");
    }

    @Test
    void badInputIsA400NamingTheField() {
        String message = SignInClient.messageFor(SignInClient.nonce(client));

        assertRefused(login(message, "0xnothex"), HttpStatus.BAD_REQUEST, "signature");
        assertRefused(login(message.replace("Version: 1", "Version: 9"), SiweMessages.sign(message, DEV_KEY_1)),
                HttpStatus.BAD_REQUEST, "version");
        assertRefused(client.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("message", message)).exchange(), HttpStatus.BAD_REQUEST, "signature");
        assertRefused(client.post().uri("/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"message\": ").exchange(), HttpStatus.BAD_REQUEST, "body");
    }

    @Test
    void onlyTokensForThisIssuerAndAudienceOpenTheApi() throws Exception {
        Instant now = Instant.now();
        String wrongAudience = mint("compute-market-gateway", "another-market", now);
        String wrongIssuer = mint("someone-else", "compute-market", now);
        String right = mint("compute-market-gateway", "compute-market", now);

        for (String token : new String[] {wrongAudience, wrongIssuer}) {
            client.get().uri("/api/v1/reputation/" + DEV_ADDRESS_1)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                    .expectStatus().isUnauthorized();
        }
        client.get().uri("/api/v1/reputation/" + DEV_ADDRESS_1)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + right).exchange()
                .expectStatus().isOk();
    }

    private String mint(String issuer, String audience, Instant now) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.keyId()).build(),
                new JWTClaimsSet.Builder().subject(DEV_ADDRESS_1).issuer(issuer).audience(audience)
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(5, ChronoUnit.MINUTES)))
                        .build());
        jwt.sign(new RSASSASigner(signingKey.jwk()));
        return jwt.serialize();
    }

    private WebTestClient.ResponseSpec login(String message, String signature) {
        return client.post().uri("/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("message", message, "signature", signature))
                .exchange();
    }

    private static void assertRefused(WebTestClient.ResponseSpec response, HttpStatus status, String field) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status.value())
                .jsonPath("$.field").isEqualTo(field)
                .jsonPath("$.type").value(type -> assertThat((String) type)
                        .startsWith("https://computemarket.dev/problems/"))
                .jsonPath("$.detail").isNotEmpty();
    }
}
