package com.computemarket.gateway.routing;

import java.net.URI;

import com.computemarket.gateway.web.Problems;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where circuit breakers forward when a service cannot answer (down, too slow, or breaker open).
 */
@Hidden
@RestController
class FallbackController {

    @RequestMapping("/fallback/{service}")
    ResponseEntity<ProblemDetail> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "The " + service + " service is unavailable (down, too slow, or failing); retry later", null);
        problem.setProperty("service", service);
        // The caller asked for its own path, not for the internal fallback it was forwarded to.
        String requestedPath = exchange.getAttribute(RequestedPathFilter.ATTRIBUTE);
        if (requestedPath != null) {
            problem.setInstance(URI.create(requestedPath));
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
