package com.computemarket.testsupport;

import java.io.File;
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
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A real Ethereum JSON-RPC node: Anvil from the {@code @foundry-rs/anvil-linux-amd64} npm package, run as a
 * process. The binary is started directly rather than through the npm shim, so destroying the process stops it.
 */
public final class AnvilNode implements AutoCloseable {
    public static final long CHAIN_ID = 31337;
    private static final String BINARY = "@foundry-rs/anvil-linux-amd64/bin/anvil";

    private final List<String> command;
    private final Path logFile;
    private final int port;
    private Process process;

    private AnvilNode(List<String> command, Path logFile, int port) {
        this.command = List.copyOf(command);
        this.logFile = logFile;
        this.port = port;
    }

    /**
     * Starts Anvil with its default development accounts (see {@link DevAccounts}), mining a block per transaction.
     *
     * @param port 0 for any free port
     */
    public static AnvilNode start(int port, Path logFile) {
        return start(port, logFile, null);
    }

    /**
     * @param blockTime also mine a block this often, so that confirmations accrue on a quiet chain as on a real
     *                  one; null to mine only per transaction (tests then mine with {@link #mine(int)})
     */
    public static AnvilNode start(int port, Path logFile, Duration blockTime) {
        return start(port, logFile, blockTime, null);
    }

    /**
     * A node whose chain survives {@link #stop()} and {@link #restart()}: Anvil writes its state (accounts, storage,
     * blocks) to {@code stateFile} when stopped and loads it when started again, on the same port.
     */
    public static AnvilNode startWithState(Path stateFile, Path logFile) {
        return start(0, logFile, null, stateFile);
    }

    private static AnvilNode start(int port, Path logFile, Duration blockTime, Path stateFile) {
        int chosenPort = port > 0 ? port : freePort();
        List<String> command = new ArrayList<>(List.of(binary().toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(chosenPort),
                "--chain-id", String.valueOf(CHAIN_ID), "--accounts", "10", "--balance", "10000"));
        if (blockTime != null) {
            command.addAll(List.of("--block-time", String.valueOf(blockTime.toSeconds())));
        }
        if (stateFile != null) {
            command.addAll(List.of("--state", stateFile.toString()));
        }
        AnvilNode node = new AnvilNode(command, logFile, chosenPort);
        node.launch();
        return node;
    }

    private void launch() {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (logFile != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Anvil did not start from " + binary(), e);
        }
        awaitReady(Duration.ofSeconds(30));
    }

    /** Stops the node as an outage would; a node started {@link #startWithState with state} saves its chain first. */
    public void stop() {
        close();
    }

    /** Starts the node again on the same port (with the saved chain, for a node started with state). */
    public void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Anvil on " + rpcUrl() + " is still running");
        }
        launch();
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long chainId() {
        return CHAIN_ID;
    }

    /** Sends one JSON-RPC call and returns the raw JSON response (for test controls such as {@code anvil_mine}). */
    public String rpc(String method, String paramsJson) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl()))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Mines {@code blocks} empty blocks at once. */
    public void mine(int blocks) {
        rpc("anvil_mine", "[\"0x" + Integer.toHexString(blocks) + "\"]");
    }

    private void awaitReady(Duration timeout) {
        try {
            Awaitility.await("Anvil answering on " + rpcUrl())
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(50))
                    // the port opens ~0.1 s after launch; until then the connection is refused
                    .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Anvil exited with " + process.exitValue());
                        }
                        return rpc("eth_chainId", "[]").contains("result");
                    });
        } catch (RuntimeException notReady) {
            close();
            throw notReady;
        }
    }

    static Path binary() {
        String configured = System.getProperty("chain.tools.dir", System.getenv("CHAIN_TOOLS_DIR"));
        if (configured != null) {
            Path binary = Path.of(configured).resolve(BINARY);
            if (Files.isExecutable(binary)) {
                return binary;
            }
        }
        for (File dir = new File(System.getProperty("user.dir")).getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            Path binary = dir.toPath().resolve("node_modules").resolve(BINARY);
            if (Files.isExecutable(binary)) {
                return binary;
            }
        }
        throw new IllegalStateException("Anvil not found: run `npm ci` in the project root (it installs "
                + "@foundry-rs/anvil-linux-amd64), or set CHAIN_TOOLS_DIR to a node_modules folder that has it");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        // SIGTERM: Anvil writes its --state file on the way out
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
