package com.computemarket.gateway.routing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each service listens ({@code gateway.services.<name>}).
 */
@ConfigurationProperties("gateway.services")
public record ServiceEndpoints(
        @DefaultValue("http://localhost:8081") URI matching,
        @DefaultValue("http://localhost:8082") URI escrow,
        @DefaultValue("http://localhost:8083") URI verification,
        @DefaultValue("http://localhost:8084") URI reputation,
        @DefaultValue("http://localhost:8085") URI chainIndexer) {

    /**
     * @return service name (as used in {@code /services/{name}/...}) to base URI, in a stable order
     */
    public Map<String, URI> byName() {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("matching", matching);
        services.put("escrow", escrow);
        services.put("verification", verification);
        services.put("reputation", reputation);
        services.put("chain-indexer", chainIndexer);
        return services;
    }
}
