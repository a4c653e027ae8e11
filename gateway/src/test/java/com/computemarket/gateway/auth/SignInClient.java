package com.computemarket.gateway.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Signs in through the public endpoints like a wallet-backed frontend would.
 */
public final class SignInClient {

    private SignInClient() {
    }

    public static String nonce(WebTestClient client) {
        Map<String, Object> body = client.get().uri("/auth/nonce").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        return (String) body.get("nonce");
    }

    /** A message for the gateway's default domain and chain, valid for ten minutes from now. */
    public static String messageFor(String nonce) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return SiweMessages.message("localhost:8080", SiweMessages.DEV_ADDRESS_1, 31337, nonce, now,
                now.plus(10, ChronoUnit.MINUTES));
    }

    /** @return the access token of Anvil development account #1 */
    public static String accessToken(WebTestClient client) {
        String message = messageFor(nonce(client));
        Map<String, Object> body = client.post().uri("/auth/login")
                .bodyValue(Map.of("message", message, "signature", SiweMessages.sign(message, SiweMessages.DEV_KEY_1)))
                .exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        return (String) body.get("accessToken");
    }
}
