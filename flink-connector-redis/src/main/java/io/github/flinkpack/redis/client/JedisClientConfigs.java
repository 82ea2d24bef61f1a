package io.github.flinkpack.redis.client;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;

/** Jedis client settings from a {@link RedisConnectionConfig}. */
final class JedisClientConfigs {

    private JedisClientConfigs() {}

    static JedisClientConfig forServers(RedisConnectionConfig config) {
        DefaultJedisClientConfig.Builder builder = base(config);
        builder.database(config.database());
        if (config.username() != null) {
            builder.user(config.username());
        }
        if (config.password() != null) {
            builder.password(config.password());
        }
        return builder.build();
    }

    /** Sentinels: same TLS and timeouts; Sentinels usually run without the data ACL user. */
    static JedisClientConfig forSentinels(RedisConnectionConfig config) {
        return base(config).build();
    }

    private static DefaultJedisClientConfig.Builder base(RedisConnectionConfig config) {
        DefaultJedisClientConfig.Builder builder =
                DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis((int) config.connectTimeout().toMillis())
                        .socketTimeoutMillis((int) config.socketTimeout().toMillis())
                        .clientName("flink-connector-redis");
        if (config.tls()) {
            builder.ssl(true).sslSocketFactory(socketFactory(config));
            if (config.verifyHostname()) {
                SSLParameters parameters = new SSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                builder.sslParameters(parameters);
            }
        }
        return builder;
    }

    private static SSLSocketFactory socketFactory(RedisConnectionConfig config) {
        if (config.truststorePath() == null) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try (InputStream in = Files.newInputStream(Paths.get(config.truststorePath()))) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            char[] password =
                    config.truststorePassword() == null
                            ? null
                            : config.truststorePassword().toCharArray();
            store.load(in, password);
            TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            // The exception text of KeyStore.load never contains the password itself.
            throw new IllegalArgumentException(
                    "Cannot load 'tls.truststore.path' = '"
                            + config.truststorePath()
                            + "' ("
                            + e.getClass().getSimpleName()
                            + ": "
                            + e.getMessage()
                            + "). Check the file and 'tls.truststore.password'.",
                    e);
        }
    }
}
