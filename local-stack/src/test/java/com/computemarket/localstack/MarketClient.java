package com.computemarket.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a web frontend or a provider agent does over the gateway's REST API: signs in with its Ethereum key
 * (Sign-In with Ethereum), then calls the API with the bearer token it got.
 */
final class MarketClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gatewayUrl;
    private final Credentials credentials;
    private String accessToken;

    MarketClient(String gatewayUrl, Credentials credentials) {
        this.gatewayUrl = gatewayUrl;
        this.credentials = credentials;
    }

    String address() {
        return Keys.toChecksumAddress(credentials.getAddress());
    }

    /** EIP-4361: fetch a single-use nonce, sign the message with the account key, trade it for a token. */
    MarketClient signIn() {
        String nonce = send("GET", "/auth/nonce", null, 200).get("nonce").asString();
        String domain = URI.create(gatewayUrl).getAuthority();
        String message = domain + " wants you to sign in with your Ethereum account:\n"
                + address() + "\n\n"
                + "Sign in to Compute Market\n\n"
                + "URI: " + gatewayUrl + "\n"
                + "Version: 1\n"
                + "Chain ID: 31337\n"
                + "Nonce: " + nonce + "\n"
                + "Issued At: " + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Sign.SignatureData signature = Sign.signPrefixedMessage(message.getBytes(), credentials.getEcKeyPair());
        byte[] bytes = new byte[65];
        System.arraycopy(signature.getR(), 0, bytes, 0, 32);
        System.arraycopy(signature.getS(), 0, bytes, 32, 32);
        bytes[64] = signature.getV()[0];
        JsonNode login = send("POST", "/auth/login",
                JSON.createObjectNode().put("message", message).put("signature", Numeric.toHexString(bytes)), 200);
        accessToken = login.get("accessToken").asString();
        return this;
    }

    JsonNode get(String path) {
        return send("GET", path, null, 200);
    }

    JsonNode post(String path, JsonNode body, int expectedStatus) {
        return send("POST", path, body, expectedStatus);
    }

    /** The status and body of a GET, whatever the status, for polling. */
    HttpResponse<String> tryGet(String path) {
        return exchange("GET", path, null);
    }

    static tools.jackson.databind.node.ObjectNode object() {
        return JSON.createObjectNode();
    }

    private JsonNode send(String method, String path, JsonNode body, int expectedStatus) {
        HttpResponse<String> response = exchange(method, path, body);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + " (expected "
                    + expectedStatus + "): " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private HttpResponse<String> exchange(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .timeout(Duration.ofSeconds(40))
                .header("Accept", "application/json");
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
