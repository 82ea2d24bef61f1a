package io.github.flinkpack.redis.table;

import static io.github.flinkpack.redis.table.RedisConnectorOptions.*;
import static io.github.flinkpack.redis.table.TableErrors.error;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.RedisMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

/** Reads and checks the connection options, shared by the sink, the lookup and the scan. */
final class RedisConnectionSettings {

    private static final int DEFAULT_PORT = 6379;

    private RedisConnectionSettings() {}

    static RedisConnectionConfig from(String table, ReadableConfig options) {
        RedisMode mode = options.get(MODE);
        boolean tls = options.get(TLS_ENABLED);
        List<String> nodes = new ArrayList<>();
        int database = 0;
        if (options.getOptional(URL).isPresent()) {
            RedisUrl url = RedisUrl.parse(table, options.get(URL));
            tls |= url.tls;
            database = url.database;
            nodes.add(url.hostAndPort);
        }
        String sentinelMaster = null;
        switch (mode) {
            case CLUSTER:
                if (options.getOptional(CLUSTER_NODES).isPresent()) {
                    nodes = hostList(table, CLUSTER_NODES, options.get(CLUSTER_NODES));
                }
                if (nodes.isEmpty()) {
                    throw error(
                            table,
                            "'mode' = 'cluster' needs 'cluster.nodes' = 'host1:port1,"
                                    + "host2:port2' (or a 'url' naming one node).");
                }
                if (database != 0) {
                    throw error(
                            table,
                            "Redis Cluster has only database 0; remove '/"
                                    + database
                                    + "' from 'url'.");
                }
                break;
            case SENTINEL:
                sentinelMaster =
                        options.getOptional(SENTINEL_MASTER)
                                .orElseThrow(
                                        () ->
                                                error(
                                                        table,
                                                        "'mode' = 'sentinel' needs 'sentinel.master', the"
                                                                + " master name the Sentinels monitor."));
                nodes =
                        hostList(
                                table,
                                SENTINEL_NODES,
                                options.getOptional(SENTINEL_NODES)
                                        .orElseThrow(
                                                () ->
                                                        error(
                                                                table,
                                                                "'mode' = 'sentinel' needs"
                                                                        + " 'sentinel.nodes' = 'host1:26379,host2:26379'.")));
                break;
            default:
                if (nodes.isEmpty()) {
                    throw error(
                            table,
                            "Missing 'url'. Set 'url' = 'redis://host:6379' (or"
                                    + " rediss:// for TLS), or 'mode' = 'cluster' / 'sentinel' with"
                                    + " their node options.");
                }
        }
        return new RedisConnectionConfig(
                mode,
                nodes,
                database,
                sentinelMaster,
                options.getOptional(USERNAME).orElse(null),
                options.getOptional(PASSWORD).orElse(null),
                options.get(CONNECT_TIMEOUT),
                options.get(SOCKET_TIMEOUT),
                tls,
                options.getOptional(TLS_TRUSTSTORE_PATH).orElse(null),
                options.getOptional(TLS_TRUSTSTORE_PASSWORD).orElse(null),
                options.get(TLS_VERIFY_HOSTNAME));
    }

    private static List<String> hostList(String table, ConfigOption<String> option, String value) {
        List<String> hosts = new ArrayList<>();
        for (String part : value.split(",")) {
            String host = part.trim();
            if (host.isEmpty()) {
                continue;
            }
            int colon = host.lastIndexOf(':');
            if (colon <= 0 || !host.substring(colon + 1).matches("\\d{1,5}")) {
                throw error(
                        table,
                        "'"
                                + option.key()
                                + "' = '"
                                + value
                                + "' has '"
                                + host
                                + "', which is not host:port. Use 'host1:port1,host2:port2'.");
            }
            hosts.add(host);
        }
        return hosts;
    }

    /** redis://host:port/db or rediss://...; credentials are refused (they would be logged). */
    private static final class RedisUrl {
        final boolean tls;
        final String hostAndPort;
        final int database;

        private RedisUrl(boolean tls, String hostAndPort, int database) {
            this.tls = tls;
            this.hostAndPort = hostAndPort;
            this.database = database;
        }

        static RedisUrl parse(String table, String text) {
            URI uri;
            try {
                uri = new URI(text.trim());
            } catch (URISyntaxException e) {
                throw error(
                        table,
                        "'url' is not a URL ("
                                + e.getReason()
                                + "). Use"
                                + " 'redis://host:6379' or 'rediss://host:6380/0'.");
            }
            if (uri.getRawUserInfo() != null) {
                throw error(
                        table,
                        "'url' must not contain a user or password; they would end"
                                + " up in logs. Use the 'username' and 'password' options.");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!scheme.equals("redis") && !scheme.equals("rediss")) {
                throw error(
                        table,
                        "'url' = '" + text + "' must start with redis:// or" + " rediss:// (TLS).");
            }
            if (uri.getHost() == null) {
                throw error(
                        table, "'url' = '" + text + "' has no host. Use" + " 'redis://host:6379'.");
            }
            int port = uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT;
            int database = 0;
            String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
            if (!path.isEmpty()) {
                if (!path.matches("\\d{1,4}")) {
                    throw error(
                            table,
                            "'url' = '"
                                    + text
                                    + "' names database '"
                                    + path
                                    + "'; the path must be a database number such as /0.");
                }
                database = Integer.parseInt(path);
            }
            return new RedisUrl(scheme.equals("rediss"), uri.getHost() + ":" + port, database);
        }
    }
}
