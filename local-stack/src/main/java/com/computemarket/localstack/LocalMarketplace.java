package com.computemarket.localstack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/** Runs the whole marketplace locally until Ctrl-C, then stops everything it started. */
public final class LocalMarketplace {

    public static void main(String[] args) throws InterruptedException {
        Path projectRoot = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        LocalStack stack = LocalStack.start(projectRoot, LocalStack.Ports.defaults(), Duration.ofSeconds(1),
                projectRoot.resolve(".local-stack"));
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("\nStopping the marketplace...");
            // The in-process broker's own exit hook deletes its temporary log directory while it is still
            // stopping; what it then reports is expected on the way out, not a problem to show.
            silence("kafka", "org.apache.kafka", "state.change.logger");
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }));
        String gateway = stack.gatewayUrl();
        System.out.printf("""

                Compute Market is running.
                  Gateway:           %s
                  API docs:          %s/swagger-ui.html
                  Contracts:         %s/api/v1/chain/contracts
                  Service health:    %s/services/{matching|escrow|verification|reputation|chain-indexer}/health
                  Anvil JSON-RPC:    %s (chain id 31337)
                  Logs:              %s
                Press Ctrl-C to stop everything.
                %n""", gateway, gateway, gateway, gateway, stack.anvil().rpcUrl(), stack.logDirectory());
        var watchdog = Executors.newSingleThreadScheduledExecutor();
        watchdog.scheduleWithFixedDelay(() -> {
            if (!stopping.get() && !stack.deadServices().isEmpty()) {
                System.err.println("Stopped unexpectedly: " + stack.deadServices() + "; see " + stack.logDirectory());
                System.exit(1);
            }
        }, 2, 2, TimeUnit.SECONDS);
        stopped.await();
    }

    private static void silence(String... loggers) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String logger : loggers) {
            context.getLogger(logger).setLevel(Level.OFF);
        }
    }

    private LocalMarketplace() {
    }
}
