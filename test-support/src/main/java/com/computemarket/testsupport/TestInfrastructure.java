package com.computemarket.testsupport;

/**
 * One PostgreSQL server, one Kafka broker and one Anvil node per test JVM, each started on first use and stopped
 * when the JVM exits. Every Spring context and test in the JVM shares them.
 */
public final class TestInfrastructure {
    private static final TestInfrastructure SHARED = new TestInfrastructure(InfrastructureMode.detect());

    private final InfrastructureMode mode;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private AnvilNode anvil;

    private TestInfrastructure(InfrastructureMode mode) {
        this.mode = mode;
    }

    public static TestInfrastructure shared() {
        return SHARED;
    }

    public InfrastructureMode mode() {
        return mode;
    }

    public synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = stopAtExit(mode.startPostgres(0, null));
        }
        return postgres;
    }

    public synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = stopAtExit(mode.startKafka(0));
        }
        return kafka;
    }

    public synchronized AnvilNode anvil() {
        if (anvil == null) {
            anvil = stopAtExit(AnvilNode.start(0, null));
        }
        return anvil;
    }

    private static <T extends AutoCloseable> T stopAtExit(T resource) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                resource.close();
            } catch (Exception ignored) {
                // the JVM is exiting; the process dies with it or is reaped by the OS
            }
        }));
        return resource;
    }
}
