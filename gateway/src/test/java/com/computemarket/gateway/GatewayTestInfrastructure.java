package com.computemarket.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import com.computemarket.testsupport.TestDatabases;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The JVM's real PostgreSQL (database {@code gateway}) and the downstream the routes go to. The shared
 * {@code RealInfrastructure} targets servlet services, so the reactive gateway takes just the database from it.
 */
@TestConfiguration(proxyBeanMethods = false)
class GatewayTestInfrastructure {

    /** Bound for the JVM's lifetime and never listening: connecting is refused, and no other process can take it. */
    private static final Socket ESCROW_NOBODY_ANSWERS = reservedPort();

    @Bean
    JdbcConnectionDetails gatewayDatabase() {
        return TestDatabases.connectionDetails("gateway");
    }

    @Bean
    DynamicPropertyRegistrar downstreams() {
        return registry -> {
            registry.add("gateway.services.reputation", () -> DownstreamStub.shared().baseUri().toString());
            registry.add("gateway.services.matching", () -> DownstreamStub.shared().baseUri().toString());
            // Short timeouts keep the timeout tests fast; their ratio mirrors production (10 s vs 35 s).
            registry.add("gateway.routing.response-timeout", () -> "2s");
            registry.add("gateway.routing.long-poll-timeout", () -> "6s");
            // A port found free and let go could be taken by another process before the escrow route is called.
            registry.add("gateway.services.escrow", () -> "http://127.0.0.1:" + ESCROW_NOBODY_ANSWERS.getLocalPort());
        };
    }

    private static Socket reservedPort() {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
