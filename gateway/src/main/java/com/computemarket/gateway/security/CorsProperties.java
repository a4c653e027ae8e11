package com.computemarket.gateway.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser origins allowed to call the gateway.
 *
 * @param allowedOrigins exact origins or patterns such as {@code https://*.example.org}
 * @param maxAge         how long browsers may cache a preflight answer
 */
@ConfigurationProperties("gateway.cors")
public record CorsProperties(
        @DefaultValue({"http://localhost:3000", "http://localhost:5173"}) List<String> allowedOrigins,
        @DefaultValue("30m") Duration maxAge) {
}
