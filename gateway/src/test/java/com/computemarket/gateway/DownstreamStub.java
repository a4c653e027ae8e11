package com.computemarket.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP server standing in for a service behind the gateway: answers every request with 200 JSON and
 * remembers what arrived. It is the downstream under test, not infrastructure.
 */
public final class DownstreamStub {

    private static final DownstreamStub SHARED = new DownstreamStub();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private DownstreamStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders())));
            Runnable answer = () -> answer(exchange);
            long delayMs = requestedDelayMs(exchange.getRequestURI().getQuery());
            if (delayMs > 0) {
                CompletableFuture.runAsync(answer, CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS));
            } else {
                answer.run();
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    private static void answer(HttpExchange exchange) {
        try (exchange) {
            byte[] body = ("{\"path\":\"" + exchange.getRequestURI().getPath() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // The gateway gave up on a deliberately slow answer and closed the connection.
        }
    }

    /** {@code ?delayMs=N} makes the stub a slow service, to exercise the gateway's timeouts. */
    private static long requestedDelayMs(String query) {
        return query != null && query.startsWith("delayMs=") ? Long.parseLong(query.substring("delayMs=".length())) : 0;
    }

    public static DownstreamStub shared() {
        return SHARED;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests received so far for {@code path}, oldest first. */
    public List<Received> receivedAt(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    public record Received(String method, String path, Map<String, List<String>> headers) {

        /** Header lookup ignoring case, as HTTP requires. */
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }
}
