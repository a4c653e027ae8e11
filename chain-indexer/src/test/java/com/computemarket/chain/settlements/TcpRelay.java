package com.computemarket.chain.settlements;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between a client and a server (here: a service instance and PostgreSQL). {@link #cut()} resets every
 * relayed connection and refuses new ones, which is what the server sees when the client's process dies: PostgreSQL
 * ends those sessions, rolls back their open transactions and releases their advisory locks.
 */
final class TcpRelay implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    TcpRelay(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("tcp-relay-" + listener.getLocalPort()).start(this::acceptConnections);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Resets every relayed connection (no orderly close) and refuses new ones from now on. */
    void cut() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing a listener that is already closed
        }
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0); // RST instead of FIN: an abrupt end, as a killed process leaves
                socket.close();
            } catch (IOException ignored) {
                // already closed by the other side
            }
        }
    }

    @Override
    public void close() {
        cut();
    }

    private void acceptConnections() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pump(client, server));
                Thread.ofVirtual().start(() -> pump(server, client));
            } catch (IOException listenerClosed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException connectionEnded) {
            // either side went away: end the other one too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.remove(socket);
    }
}
