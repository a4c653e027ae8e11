package com.computemarket.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timeouts of routed calls.
 *
 * @param responseTimeout  how long an ordinary API call may take before the caller gets a 503
 * @param longPollTimeout  how long a long-poll (the provider feed, which waits up to 30 s) may take
 */
@ConfigurationProperties("gateway.routing")
public record RoutingProperties(
        @DefaultValue("10s") Duration responseTimeout,
        @DefaultValue("35s") Duration longPollTimeout) {
}
