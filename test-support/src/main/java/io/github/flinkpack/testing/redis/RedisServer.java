package io.github.flinkpack.testing.redis;

import io.github.flinkpack.testing.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * One real {@code redis-server} process on a loopback port, configured through a generated
 * redis.conf. Without persistence unless {@link Builder#appendOnly()} is asked for (fault tests
 * kill and restart a server and expect acknowledged writes to survive).
 */
public final class RedisServer implements RedisEndpoint {

    public static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Builder config;
    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer(Builder config) {
        this.config = config;
        this.port = config.port > 0 ? config.port : FreePorts.any();
        try {
            this.dir = Files.createTempDirectory("flinkpack-redis-" + config.name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A plain standalone server, started. */
    public static RedisServer startStandalone() {
        return builder().start();
    }

    public int port() {
        return port;
    }

    public String host() {
        return HOST;
    }

    public HostAndPort hostAndPort() {
        return new HostAndPort(HOST, port);
    }

    @Override
    public String url() {
        return (config.tls != null ? "rediss://" : "redis://") + HOST + ":" + port;
    }

    public Path directory() {
        return dir;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized RedisServer start() {
        if (isRunning()) {
            return this;
        }
        Path conf = dir.resolve(config.sentinel ? "sentinel.conf" : "redis.conf");
        try {
            Files.write(conf, renderConfig(), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(RedisBinaries.server().toString());
            command.add(conf.toString());
            if (config.sentinel) {
                command.add("--sentinel");
            }
            process =
                    new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("stdout.log").toFile())
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start redis-server in " + dir, e);
        }
        awaitReady();
        return this;
    }

    /** SIGKILL, as a crash: no shutdown save, clients see broken connections. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    /** Starts a killed or stopped server again on the same port and data directory. */
    public synchronized RedisServer restart() {
        kill();
        return start();
    }

    @Override
    public synchronized void close() {
        kill();
        Folders.deleteRecursively(dir);
    }

    @Override
    public Jedis newClient() {
        return new Jedis(hostAndPort(), clientConfig());
    }

    /**
     * A client that waits up to {@code socketTimeoutMillis} for a reply: for commands that keep a
     * large server busy for seconds (FLUSHALL or KEYS over millions of keys).
     */
    public Jedis newClient(int socketTimeoutMillis) {
        return new Jedis(hostAndPort(), clientConfig(socketTimeoutMillis));
    }

    /** Client settings matching this server's TLS and ACL setup. */
    public JedisClientConfig clientConfig() {
        return clientConfig(5000);
    }

    private JedisClientConfig clientConfig(int socketTimeoutMillis) {
        DefaultJedisClientConfig.Builder client =
                DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(2000)
                        .socketTimeoutMillis(socketTimeoutMillis);
        if (config.tls != null) {
            client.ssl(true).sslSocketFactory(config.tls.socketFactory());
        }
        if (config.aclUser != null) {
            client.user(config.aclUser).password(config.aclPassword);
        } else if (config.defaultPassword != null) {
            client.password(config.defaultPassword);
        }
        return client.build();
    }

    public String logTail() {
        Path log = dir.resolve(config.sentinel ? "sentinel.log" : "redis.log");
        Path stdout = dir.resolve("stdout.log");
        StringBuilder text = new StringBuilder();
        for (Path file : new Path[] {stdout, log}) {
            try {
                if (Files.exists(file)) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    lines.subList(Math.max(0, lines.size() - 20), lines.size())
                            .forEach(line -> text.append(line).append('\n'));
                }
            } catch (IOException e) {
                text.append("(cannot read ").append(file).append(": ").append(e).append(")\n");
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "RedisServer[" + config.name + " " + url() + "]";
    }

    private List<String> renderConfig() {
        List<String> lines = new ArrayList<>();
        lines.add("bind " + HOST);
        lines.add("daemonize no");
        lines.add("dir " + dir);
        lines.add("logfile " + dir.resolve(config.sentinel ? "sentinel.log" : "redis.log"));
        if (config.tls != null) {
            lines.add("port 0");
            lines.add("tls-port " + port);
            lines.add("tls-cert-file " + config.tls.serverCertificate());
            lines.add("tls-key-file " + config.tls.serverKey());
            lines.add("tls-ca-cert-file " + config.tls.caCertificate());
            lines.add("tls-auth-clients no");
        } else {
            lines.add("port " + port);
        }
        if (!config.sentinel) {
            lines.add("save \"\"");
            if (config.appendOnly) {
                lines.add("appendonly yes");
                lines.add("appendfsync always");
            } else {
                lines.add("appendonly no");
            }
        }
        if (config.aclUser != null) {
            lines.add("user default off");
            lines.add("user " + config.aclUser + " on >" + config.aclPassword + " ~* &* +@all");
        }
        if (config.defaultPassword != null) {
            lines.add("requirepass " + config.defaultPassword);
        }
        lines.addAll(config.extraLines);
        return lines;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "redis-server exited with code "
                                + process.exitValue()
                                + " while starting "
                                + this
                                + ". Its log:\n"
                                + logTail());
            }
            try (Jedis client = newClient()) {
                if ("PONG".equals(client.ping())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            sleep(50);
        }
        throw new IllegalStateException(
                this + " did not answer PING within " + START_TIMEOUT + ". Log:\n" + logTail(),
                last);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How to configure a server; {@link #start()} creates and starts it. */
    public static final class Builder {
        private String name = "standalone";
        private int port;
        private TlsMaterial tls;
        private String aclUser;
        private String aclPassword;
        private String defaultPassword;
        private boolean appendOnly;
        private boolean sentinel;
        private final List<String> extraLines = new ArrayList<>();

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Serve TLS only, with the given certificates. */
        public Builder tls(TlsMaterial tls) {
            this.tls = tls;
            return this;
        }

        /** Disable the default user and create an ACL user that has every permission. */
        public Builder aclUser(String user, String password) {
            this.aclUser = user;
            this.aclPassword = password;
            return this;
        }

        /** requirepass for the default user. */
        public Builder password(String password) {
            this.defaultPassword = password;
            return this;
        }

        /** AOF with fsync on every write, so acknowledged writes survive {@link #kill()}. */
        public Builder appendOnly() {
            this.appendOnly = true;
            return this;
        }

        Builder sentinel() {
            this.sentinel = true;
            return this;
        }

        /** Any further redis.conf line. */
        public Builder config(String line) {
            extraLines.add(line);
            return this;
        }

        public RedisServer build() {
            return new RedisServer(this);
        }

        public RedisServer start() {
            RedisServer server = build();
            try {
                return server.start();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
    }
}
