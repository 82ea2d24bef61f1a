package io.github.flinkpack.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback TCP proxy that delays every chunk by a fixed one-way time, to measure as if Redis were
 * across a network (this machine cannot add latency to its loopback device). Bandwidth is not
 * limited: a pipelined stream pays the delay once, a request-reply loop on every request.
 */
final class DelayProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final long delayNanos;

    DelayProxy(String upstreamHost, int upstreamPort, long oneWayDelayMicros) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.delayNanos = oneWayDelayMicros * 1000;
        Thread acceptor = new Thread(this::acceptLoop, "delay-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(upstreamHost, upstreamPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                pump(client.getInputStream(), upstream.getOutputStream(), "up");
                pump(upstream.getInputStream(), client.getOutputStream(), "down");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Reader and delayed writer for one direction of one connection. */
    private void pump(InputStream in, OutputStream out, String direction) {
        BlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
        Thread reader =
                new Thread(
                        () -> {
                            byte[] buffer = new byte[64 * 1024];
                            try {
                                int n;
                                while ((n = in.read(buffer)) > 0) {
                                    queue.put(
                                            new Object[] {
                                                System.nanoTime() + delayNanos,
                                                Arrays.copyOf(buffer, n)
                                            });
                                }
                            } catch (IOException | InterruptedException ignored) {
                                // connection closed
                            }
                            queue.add(new Object[] {0L, null});
                        },
                        "delay-proxy-read-" + direction);
        Thread writer =
                new Thread(
                        () -> {
                            try {
                                while (true) {
                                    Object[] chunk = queue.take();
                                    if (chunk[1] == null) {
                                        out.close();
                                        return;
                                    }
                                    long wait = (Long) chunk[0] - System.nanoTime();
                                    if (wait > 0) {
                                        LockSupport.parkNanos(wait);
                                    }
                                    out.write((byte[]) chunk[1]);
                                    out.flush();
                                }
                            } catch (IOException | InterruptedException ignored) {
                                // connection closed
                            }
                        },
                        "delay-proxy-write-" + direction);
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
