package com.computemarket.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.testcontainers.DockerClientFactory;

/**
 * Where PostgreSQL and Kafka come from: containers where a Docker engine answers, local processes where none does.
 * Forced with the system property {@code test.infrastructure} or the environment variable {@code TEST_INFRASTRUCTURE}
 * ({@code docker} or {@code local}).
 */
public enum InfrastructureMode {
    DOCKER,
    LOCAL;

    public static InfrastructureMode detect() {
        String forced = System.getProperty("test.infrastructure", System.getenv("TEST_INFRASTRUCTURE"));
        if (forced != null && !forced.isBlank()) {
            return valueOf(forced.trim().toUpperCase(Locale.ROOT));
        }
        // Asking Testcontainers costs seconds when no engine exists; look for one cheaply first.
        boolean engineMayExist = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        return engineMayExist && DockerClientFactory.instance().isDockerAvailable() ? DOCKER : LOCAL;
    }

    /** @param port fixed port for a local server, 0 for any (containers always map their own) */
    public PostgresServer startPostgres(int port, Path dataDirectory) {
        return this == DOCKER ? ContainerPostgresServer.start() : EmbeddedPostgresServer.start(port, dataDirectory);
    }

    /** @param port fixed port for a local broker, 0 for any (containers always map their own) */
    public KafkaBroker startKafka(int port) {
        return this == DOCKER ? ContainerKafkaBroker.start() : EmbeddedKraftBroker.start(port);
    }
}
