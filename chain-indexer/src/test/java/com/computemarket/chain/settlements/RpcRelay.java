package com.computemarket.chain.settlements;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * An HTTP relay in front of a JSON-RPC node. It can refuse chosen methods (the request never reaches the node, as
 * when a process dies right before making the call) and {@link #cut()} the whole link (connections refused, as for
 * a process that is gone).
 */
final class RpcRelay implements AutoCloseable {

    private final URI node;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Set<String> refusedMethods = ConcurrentHashMap.newKeySet();

    RpcRelay(String nodeUrl) {
        this.node = URI.create(nodeUrl);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::relay);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, calls of {@code method} are answered 503 without reaching the node. */
    void refuse(String method) {
        refusedMethods.add(method);
    }

    /** Closes the relay: every later call finds the port closed. */
    void cut() {
        server.stop(0);
        client.close();
    }

    @Override
    public void close() {
        cut();
    }

    private void relay(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] request = in.readAllBytes();
            String body = new String(request, StandardCharsets.UTF_8);
            if (refusedMethods.stream().anyMatch(method -> body.contains("\"" + method + "\""))) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(node)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
