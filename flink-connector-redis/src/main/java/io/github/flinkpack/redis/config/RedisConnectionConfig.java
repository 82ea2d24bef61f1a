package io.github.flinkpack.redis.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how to connect: deployment mode, nodes, credentials, timeouts and TLS. The passwords
 * are kept out of {@link #toString()}.
 */
public final class RedisConnectionConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    private final RedisMode mode;
    private final List<String> nodes;
    private final int database;
    private final String sentinelMaster;
    private final String username;
    private final String password;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final boolean tls;
    private final String truststorePath;
    private final String truststorePassword;
    private final boolean verifyHostname;

    public RedisConnectionConfig(
            RedisMode mode,
            List<String> nodes,
            int database,
            String sentinelMaster,
            String username,
            String password,
            Duration connectTimeout,
            Duration socketTimeout,
            boolean tls,
            String truststorePath,
            String truststorePassword,
            boolean verifyHostname) {
        this.mode = Objects.requireNonNull(mode);
        this.nodes = List.copyOf(nodes);
        this.database = database;
        this.sentinelMaster = sentinelMaster;
        this.username = username;
        this.password = password;
        this.connectTimeout = connectTimeout;
        this.socketTimeout = socketTimeout;
        this.tls = tls;
        this.truststorePath = truststorePath;
        this.truststorePassword = truststorePassword;
        this.verifyHostname = verifyHostname;
    }

    public RedisMode mode() {
        return mode;
    }

    /** host:port of the server (standalone), the seed nodes (cluster) or the Sentinels. */
    public List<String> nodes() {
        return nodes;
    }

    public int database() {
        return database;
    }

    public String sentinelMaster() {
        return sentinelMaster;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration socketTimeout() {
        return socketTimeout;
    }

    public boolean tls() {
        return tls;
    }

    public String truststorePath() {
        return truststorePath;
    }

    public String truststorePassword() {
        return truststorePassword;
    }

    public boolean verifyHostname() {
        return verifyHostname;
    }

    /** Where the sink writes, for messages: never includes credentials. */
    public String describe() {
        String where = String.join(",", nodes);
        switch (mode) {
            case CLUSTER:
                return "Redis Cluster " + where;
            case SENTINEL:
                return "Redis master '" + sentinelMaster + "' via Sentinels " + where;
            default:
                return (tls ? "rediss://" : "redis://") + where + "/" + database;
        }
    }

    @Override
    public String toString() {
        return "RedisConnectionConfig{"
                + describe()
                + ", user="
                + (username == null ? "default" : username)
                + ", password="
                + (password == null ? "none" : "******")
                + ", tls="
                + tls
                + ", connectTimeout="
                + connectTimeout
                + ", socketTimeout="
                + socketTimeout
                + "}";
    }
}
