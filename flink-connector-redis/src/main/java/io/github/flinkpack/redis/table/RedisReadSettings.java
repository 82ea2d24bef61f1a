package io.github.flinkpack.redis.table;

import io.github.flinkpack.redis.config.ParseErrorPolicy;
import io.github.flinkpack.redis.config.ScanErrorPolicy;
import java.io.Serializable;
import java.time.Duration;

/** The lookup and scan options of a table, checked. */
final class RedisReadSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    final boolean async;
    final ParseErrorPolicy onParseError;
    final int maxRetries;
    final Duration retryBackoff;
    final int scanCount;
    final ScanErrorPolicy scanOnError;

    RedisReadSettings(
            boolean async,
            ParseErrorPolicy onParseError,
            int maxRetries,
            Duration retryBackoff,
            int scanCount,
            ScanErrorPolicy scanOnError) {
        this.async = async;
        this.onParseError = onParseError;
        this.maxRetries = maxRetries;
        this.retryBackoff = retryBackoff;
        this.scanCount = scanCount;
        this.scanOnError = scanOnError;
    }
}
