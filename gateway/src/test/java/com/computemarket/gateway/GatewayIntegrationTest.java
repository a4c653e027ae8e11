package com.computemarket.gateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;

/**
 * The one Spring context of the gateway's integration tests: the real server on a random port, real PostgreSQL,
 * the matching and reputation routes pointed at {@link DownstreamStub}, the escrow route at a port nobody listens on,
 * and short route timeouts (see {@link GatewayTestInfrastructure}).
 * Every integration test class uses exactly this annotation so the context is cached.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// WebTestClient waits 5 s per exchange by default: a first actuator call on a loaded machine took longer.
@AutoConfigureWebTestClient(timeout = "60s")
@Import(GatewayTestInfrastructure.class)
public @interface GatewayIntegrationTest {
}
