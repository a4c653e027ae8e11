package com.computemarket.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.computemarket.gateway.DownstreamStub;
import com.computemarket.gateway.GatewayIntegrationTest;
import com.computemarket.gateway.auth.SignInClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@GatewayIntegrationTest
class RoutingTest {

    @Autowired
    WebTestClient client;

    @Test
    void anApiCallWithoutATokenIsRejectedBeforeReachingTheService() {
        String path = "/api/v1/reputation/0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

        client.get().uri(path).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Request-Id")
                .expectBody().jsonPath("$.field").isEqualTo("Authorization");
        client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer not.a.token").exchange()
                .expectStatus().isUnauthorized();

        assertThat(DownstreamStub.shared().receivedAt(path)).isEmpty();
    }

    @Test
    void aSignedInCallIsRoutedWithItsTokenAndRequestId() {
        String authorization = "Bearer " + SignInClient.accessToken(client);
        String requestId = "req-" + UUID.randomUUID();
        String path = "/api/v1/reputation/" + UUID.randomUUID();

        client.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .header("X-Request-Id", requestId)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", requestId)
                .expectBody().jsonPath("$.path").isEqualTo(path);

        List<DownstreamStub.Received> received = DownstreamStub.shared().receivedAt(path);
        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.header("Authorization")).isEqualTo(authorization);
            assertThat(request.header("X-Request-Id")).isEqualTo(requestId);
        });
    }

    @Test
    void aRequestWithoutRequestIdGetsOneThatTheServiceSeesToo() {
        String authorization = "Bearer " + SignInClient.accessToken(client);
        String path = "/api/v1/reputation/" + UUID.randomUUID();

        String echoed = client.get().uri(path).header(HttpHeaders.AUTHORIZATION, authorization).exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");

        assertThat(echoed).isNotBlank();
        assertThat(DownstreamStub.shared().receivedAt(path)).singleElement()
                .satisfies(request -> assertThat(request.header("X-Request-Id")).isEqualTo(echoed));
    }

    @Test
    void serviceHealthAndApiDocsArePublicAndRewritten() {
        int healthBefore = DownstreamStub.shared().receivedAt("/actuator/health").size();
        int docsBefore = DownstreamStub.shared().receivedAt("/v3/api-docs").size();

        client.get().uri("/services/reputation/health").exchange().expectStatus().isOk();
        client.get().uri("/services/reputation/api-docs").exchange().expectStatus().isOk();

        assertThat(DownstreamStub.shared().receivedAt("/actuator/health")).hasSize(healthBefore + 1);
        assertThat(DownstreamStub.shared().receivedAt("/v3/api-docs")).hasSize(docsBefore + 1);
    }

    @Test
    void aServiceThatDoesNotAnswerYieldsA503Problem() {
        String authorization = "Bearer " + SignInClient.accessToken(client);

        client.get().uri("/api/v1/accounts/me").header(HttpHeaders.AUTHORIZATION, authorization).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://computemarket.dev/problems/service-unavailable")
                .jsonPath("$.service").isEqualTo("escrow")
                .jsonPath("$.instance").isEqualTo("/api/v1/accounts/me");
        client.get().uri("/services/escrow/health").exchange()
                .expectStatus().isEqualTo(503);
    }

    @Test
    void theFeedMayLongPollBeyondTheOrdinaryTimeout() {
        String authorization = "Bearer " + SignInClient.accessToken(client);

        client.get().uri("/api/v1/feed?delayMs=3000").header(HttpHeaders.AUTHORIZATION, authorization).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/api/v1/feed");
        client.get().uri("/api/v1/reputation/slow?delayMs=3000").header(HttpHeaders.AUTHORIZATION, authorization)
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("reputation");
    }

    @Test
    void browsersFromAllowedOriginsPassThePreflight() {
        client.options().uri("/api/v1/jobs")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, Content-Type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173");
        client.options().uri("/api/v1/jobs")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void probesMetricsAndDocsArePublic() {
        client.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/auth/login'].post").exists()
                .jsonPath("$.paths['/auth/nonce'].get").exists();
        client.get().uri("/v3/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls[?(@.name == 'matching')].url").isEqualTo("/services/matching/api-docs")
                .jsonPath("$.urls[?(@.name == 'chain-indexer')].url").isEqualTo("/services/chain-indexer/api-docs");
        client.get().uri("/auth/jwks").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.keys[0].kid").isNotEmpty()
                .jsonPath("$.keys[0].d").doesNotExist();
    }
}
