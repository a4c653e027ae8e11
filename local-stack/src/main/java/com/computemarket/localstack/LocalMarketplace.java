package com.computemarket.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs the whole marketplace locally until Ctrl-C, then stops everything it started. */
public final class LocalMarketplace {

    public static void main(String[] args) throws InterruptedException {
        Path projectRoot = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        LocalStack stack = LocalStack.start(projectRoot, LocalStack.Ports.defaults(), Duration.ofSeconds(1),
                projectRoot.resolve(".local-stack"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the marketplace...");
            stack.close();
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
            if (!stack.deadServices().isEmpty()) {
                System.err.println("Stopped unexpectedly: " + stack.deadServices() + "; see " + stack.logDirectory());
                System.exit(1);
            }
        }, 2, 2, TimeUnit.SECONDS);
        stopped.await();
    }

    private LocalMarketplace() {
    }
}
