package com.computemarket.gateway.routing;

import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Public path prefixes to services. Each route runs behind its own circuit breaker; when the service is down, slow
 * or the breaker is open the caller gets a problem+json 503 from {@link FallbackController}.
 */
@Configuration(proxyBeanMethods = false)
class Routes {

    static final Map<String, String[]> API_PATHS = Map.of(
            "matching", new String[] {"/api/v1/jobs/**", "/api/v1/providers/**", "/api/v1/leases/**",
                    "/api/v1/market/**"},
            "escrow", new String[] {"/api/v1/accounts/**", "/api/v1/ledger/**"},
            "verification", new String[] {"/api/v1/results/**"},
            "reputation", new String[] {"/api/v1/reputation/**"},
            "chain-indexer", new String[] {"/api/v1/chain/**", "/api/v1/settlements/**"});

    static final String FEED_STREAM_BREAKER = "matching-feed-stream";

    /**
     * Longest exchange on the feed's event stream. Matching ends each stream after {@code matching.feed.stream-lifetime}
     * (default 5 minutes, the client then reconnects with Last-Event-ID), which must stay below this.
     */
    static final Duration FEED_STREAM_TIME_LIMIT = Duration.ofMinutes(6);

    @Bean
    RouteLocator serviceRoutes(RouteLocatorBuilder builder, ServiceEndpoints services, RoutingProperties routing) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        long responseTimeout = routing.responseTimeout().toMillis();
        // The feed's event stream stays open for minutes. Its response headers come at once (the route's response
        // timeout only waits for them) and the gateway flushes text/event-stream chunk by chunk (a streaming media
        // type), but its breaker times the whole exchange, so that breaker gets a time limit above the stream's life.
        routes.route("matching-feed-stream", r -> r.path("/api/v1/feed/stream")
                .filters(f -> guarded(f, FEED_STREAM_BREAKER, "matching"))
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, routing.longPollTimeout().toMillis())
                .uri(services.matching()));
        // The feed long-polls for up to 30 s, so it gets its own route with a longer timeout.
        routes.route("matching-feed", r -> r.path("/api/v1/feed/**")
                .filters(f -> guarded(f, "matching-feed", "matching"))
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, routing.longPollTimeout().toMillis())
                .uri(services.matching()));
        services.byName().forEach((name, uri) -> {
            routes.route(name, r -> r.path(API_PATHS.get(name))
                    .filters(f -> guarded(f, name, name))
                    .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, responseTimeout)
                    .uri(uri));
            routes.route(name + "-health", r -> r.path("/services/" + name + "/health")
                    .filters(f -> guarded(f.setPath("/actuator/health"), name + "-health", name))
                    .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, responseTimeout)
                    .uri(uri));
            routes.route(name + "-api-docs", r -> r.path("/services/" + name + "/api-docs")
                    .filters(f -> guarded(f.setPath("/v3/api-docs"), name + "-api-docs", name))
                    .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, responseTimeout)
                    .uri(uri));
        });
        return routes.build();
    }

    private static GatewayFilterSpec guarded(GatewayFilterSpec filters, String breaker, String service) {
        return filters.circuitBreaker(c -> c.setName(breaker).setFallbackUri("forward:/fallback/" + service));
    }

    /**
     * Routes enforce their own response timeouts; the breakers' time limiter only backs them up, so it must outlast
     * the longest route (the long-poll feed).
     */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakerDefaults(RoutingProperties routing) {
        Duration limit = routing.longPollTimeout().plusSeconds(5);
        return factory -> {
            factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                    .circuitBreakerConfig(CircuitBreakerConfig.ofDefaults())
                    .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(limit).build())
                    .build());
            factory.configure(builder -> builder
                    .circuitBreakerConfig(CircuitBreakerConfig.ofDefaults())
                    .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(FEED_STREAM_TIME_LIMIT).build()),
                    FEED_STREAM_BREAKER);
        };
    }
}
