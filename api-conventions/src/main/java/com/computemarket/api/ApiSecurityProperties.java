package com.computemarket.api;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service verifies callers.
 *
 * @param jwkSetUri   where the gateway publishes the keys that sign its access tokens
 * @param publicPaths paths served without a token besides actuator and API docs
 */
@ConfigurationProperties("api.security")
public record ApiSecurityProperties(
        @DefaultValue("http://localhost:8080/auth/jwks") URI jwkSetUri,
        @DefaultValue({}) List<String> publicPaths) {
}
