package com.computemarket.localstack;

import com.computemarket.testsupport.AnvilNode;
import com.computemarket.testsupport.InfrastructureMode;
import com.computemarket.testsupport.KafkaBroker;
import com.computemarket.testsupport.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts PostgreSQL, Kafka and Anvil, then the six services from their runnable jars, and waits until every service
 * reports ready. Closing it stops everything in reverse order.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final String VERSION = "0.1.0-SNAPSHOT";
    // Six JVMs start at once on two cores; on a loaded machine the gateway alone once needed over 4 minutes.
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(8);

    private final Ports ports;
    private final Duration blockTime;
    private final Path workDirectory;
    private final List<AutoCloseable> infrastructure = new ArrayList<>();
    private final Map<MarketService, Process> services = new EnumMap<>(MarketService.class);
    private AnvilNode anvil;

    /**
     * @param postgres 0 for any free port
     * @param kafka    0 for any free port
     * @param anvil    0 for any free port
     * @param gateway  the gateway's port; the services take the five ports after it
     */
    public record Ports(int postgres, int kafka, int anvil, int gateway) {
        public static Ports defaults() {
            return new Ports(15432, 19092, 8545, 8080);
        }

        /** Free ports, for a stack that must not collide with one already running (the end-to-end test). */
        public static Ports anyFree() {
            return new Ports(0, 0, 0, freeBlockOfSixPorts());
        }
    }

    private LocalStack(Ports ports, Duration blockTime, Path workDirectory) {
        this.ports = ports;
        this.blockTime = blockTime;
        this.workDirectory = workDirectory;
    }

    /**
     * @param blockTime how often Anvil mines a block on its own, so deposits gain confirmations as on a real chain;
     *                  null to mine only per transaction (a test then mines the blocks it needs)
     */
    public static LocalStack start(Path projectRoot, Ports ports, Duration blockTime, Path workDirectory) {
        LocalStack stack = new LocalStack(ports, blockTime, workDirectory);
        try {
            stack.startAll(projectRoot);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** The gateway as a browser addresses it; Sign-In with Ethereum messages name this host and port. */
    public String gatewayUrl() {
        return "http://localhost:" + ports.gateway();
    }

    public String serviceUrl(String module) {
        for (MarketService service : MarketService.values()) {
            if (service.module().equals(module)) {
                return "http://127.0.0.1:" + service.port(ports.gateway());
            }
        }
        throw new IllegalArgumentException("no service " + module);
    }

    public AnvilNode anvil() {
        return anvil;
    }

    public Path logDirectory() {
        return workDirectory.resolve("logs");
    }

    private void startAll(Path projectRoot) {
        Instant started = Instant.now();
        createDirectories(logDirectory());
        for (MarketService service : MarketService.values()) {
            Path jar = service.executableJar(projectRoot, VERSION);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("Missing " + jar + ": build first with ./mvnw -DskipTests package");
            }
        }
        InfrastructureMode mode = InfrastructureMode.detect();
        log.info("Starting PostgreSQL, Kafka and Anvil ({} mode)", mode);
        PostgresServer postgres = keep(mode.startPostgres(ports.postgres(), workDirectory.resolve("postgres")));
        KafkaBroker kafka = keep(mode.startKafka(ports.kafka()));
        anvil = keep(AnvilNode.start(ports.anvil(), logDirectory().resolve("anvil.log"), blockTime));
        for (MarketService service : MarketService.values()) {
            postgres.createDatabaseIfMissing(service.database());
        }
        log.info("Infrastructure up in {} s; starting the services", Duration.between(started, Instant.now()).toSeconds());
        for (MarketService service : MarketService.values()) {
            services.put(service, launch(projectRoot, service, postgres, kafka));
        }
        for (MarketService service : MarketService.values()) {
            awaitReady(service);
        }
        log.info("All six services ready in {} s", Duration.between(started, Instant.now()).toSeconds());
    }

    private Process launch(Path projectRoot, MarketService service, PostgresServer postgres, KafkaBroker kafka) {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx320m",
                "-Djava.io.tmpdir=" + createDirectories(workDirectory.resolve("tmp").resolve(service.module())),
                "-jar", service.executableJar(projectRoot, VERSION).toString())
                .redirectErrorStream(true)
                .redirectOutput(logDirectory().resolve(service.module() + ".log").toFile());
        builder.environment().putAll(environmentOf(service, postgres, kafka));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.module(), e);
        }
    }

    /** Everything a service learns about its surroundings, as a deployment would pass it: environment variables. */
    private Map<String, String> environmentOf(MarketService service, PostgresServer postgres, KafkaBroker kafka) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SERVER_PORT", String.valueOf(service.port(ports.gateway())));
        environment.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl(service.database()));
        environment.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        environment.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("API_SECURITY_JWK_SET_URI", gatewayUrl() + "/auth/jwks");
        environment.put("CHAIN_RPC_URL", anvil.rpcUrl());
        // A local Anvil answers eth_getLogs over any range; hosted nodes keep chain-indexer's default cap of 1,000.
        environment.put("CHAIN_MAX_BLOCK_RANGE", "10000");
        environment.put("GATEWAY_AUTH_DOMAIN", "localhost:" + ports.gateway());
        for (MarketService downstream : MarketService.values()) {
            if (downstream != MarketService.GATEWAY) {
                environment.put("GATEWAY_SERVICES_" + downstream.name().replace("_", ""),
                        "http://127.0.0.1:" + downstream.port(ports.gateway()));
            }
        }
        return environment;
    }

    private void awaitReady(MarketService service) {
        URI readiness = URI.create("http://127.0.0.1:" + service.port(ports.gateway()) + "/actuator/health/readiness");
        Process process = services.get(service);
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            Awaitility.await(service.module() + " ready")
                    .atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    // connection refused while the service is still starting
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(service.module() + " exited with " + process.exitValue()
                                    + "; last lines of its log:\n" + tailOfLog(service));
                        }
                        return client.send(HttpRequest.newBuilder(readiness).GET().build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
            log.info("{} ready on port {}", service.module(), service.port(ports.gateway()));
        } catch (ConditionTimeoutException notReady) {
            throw new IllegalStateException(service.module() + " not ready within " + READY_TIMEOUT
                    + "; last lines of its log:\n" + tailOfLog(service), notReady);
        }
    }

    private String tailOfLog(MarketService service) {
        try {
            List<String> lines = Files.readAllLines(logDirectory().resolve(service.module() + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The services still running; a service that died is reported by name. */
    public List<String> deadServices() {
        return services.entrySet().stream()
                .filter(entry -> !entry.getValue().isAlive())
                .map(entry -> entry.getKey().module())
                .toList();
    }

    /** Process ids of everything this stack started, for measuring its memory. */
    public List<Long> processIds() {
        List<Long> ids = new ArrayList<>();
        ids.add(ProcessHandle.current().pid());
        services.values().forEach(process -> ids.add(process.pid()));
        return ids;
    }

    @Override
    public void close() {
        List<MarketService> running = new ArrayList<>(services.keySet());
        java.util.Collections.reverse(running);
        running.forEach(service -> services.get(service).destroy());
        for (MarketService service : running) {
            Process process = services.get(service);
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        services.clear();
        List<AutoCloseable> reversed = new ArrayList<>(infrastructure);
        java.util.Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
        infrastructure.clear();
    }

    private <T extends AutoCloseable> T keep(T resource) {
        infrastructure.add(resource);
        return resource;
    }

    private static Path createDirectories(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freeBlockOfSixPorts() {
        for (int attempt = 0; attempt < 50; attempt++) {
            // Below Linux's ephemeral range (32768 up), where any process's outgoing connection could take a port
            // between this check and the service's bind a minute later.
            int base = 20000 + (int) (Math.random() * 12000);
            if (allFree(base, MarketService.values().length)) {
                return base;
            }
        }
        throw new IllegalStateException("no block of free ports found");
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (ServerSocket ignored = new ServerSocket(port)) {
                // free
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
