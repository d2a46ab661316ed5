package io.lakehub.testing.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a loopback port of its own, forwarding every connection to a target server. {@link
 * #cut()} closes every forwarded connection and, until {@link #restore()}, closes each new one as
 * soon as it is accepted: to the client it is a server that went away (its connections reset, new
 * ones refused), while the real server, shared with others, keeps running. {@link #hang()} is a
 * server that stops answering without closing anything (a half-dead connection: a network that drops
 * packets, a frozen process): the connections stay open, the bytes sent on them are dropped, and new
 * connections are accepted and never answered. {@link #restore()} ends either; connections that hung
 * are closed then, since bytes were dropped from their streams. Bytes are forwarded as they come,
 * one thread per direction.
 */
public final class TcpProxy implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Connections that were open, or accepted, while the proxy hung: their bytes are dropped. */
    private final Set<Socket> hung = ConcurrentHashMap.newKeySet();

    private final Thread acceptor;
    private volatile boolean cut;
    private volatile boolean hanging;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform()
                .name("tcp-proxy-" + IDS.incrementAndGet() + "-to-" + target.getPort())
                .daemon(true)
                .start(this::accept);
    }

    /** A proxy to {@code host:port}, accepting from now on. */
    public static TcpProxy to(String host, int port) {
        try {
            return new TcpProxy(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a proxy port to " + host + ":" + port, e);
        }
    }

    /** The loopback port clients connect to instead of the target's. */
    public int port() {
        return server.getLocalPort();
    }

    /** The server goes away: open connections are closed, new ones closed as soon as accepted. */
    public void cut() {
        cut = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /**
     * The server stops answering but closes nothing: bytes on the open connections are dropped from
     * now on, new connections are accepted and never answered.
     */
    public void hang() {
        hanging = true;
        hung.addAll(open);
    }

    /** The server is back: new connections are forwarded again, connections that hung are closed. */
    public void restore() {
        cut = false;
        hanging = false;
        for (Socket s : hung) {
            closeQuietly(s);
            open.remove(s);
        }
        hung.clear();
    }

    /** Whether the proxy currently forwards connections. */
    public boolean isCut() {
        return cut;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            if (hanging) {
                // Accepted, never answered: what the client sends is read and dropped.
                hung.add(client);
                open.add(client);
                drain(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            open.add(client);
            open.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofPlatform().name("tcp-proxy-pump").daemon(true).start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (hung.contains(from)) {
                        continue; // the proxy hangs: dropped
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (SocketException e) {
                // closed by cut() or by the other side
            } catch (IOException e) {
                // the connection ended; both sides are closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    /** Reads and drops what a connection accepted while hanging sends, until it is closed. */
    private void drain(Socket client) {
        Thread.ofPlatform().name("tcp-proxy-drain").daemon(true).start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = client.getInputStream()) {
                while (in.read(buffer) >= 0) {
                    // dropped
                }
            } catch (IOException e) {
                // closed by restore() or by the client
            } finally {
                closeQuietly(client);
                open.remove(client);
                hung.remove(client);
            }
        });
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public String toString() {
        return "TcpProxy[127.0.0.1:" + port() + " -> " + target + (cut ? ", cut" : "") + (hanging ? ", hanging" : "")
                + "]";
    }
}
