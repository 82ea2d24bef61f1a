package io.github.flinkpack.redis.table;

import io.github.flinkpack.redis.config.DeleteBehavior;
import io.github.flinkpack.redis.config.NullKeyPolicy;
import io.github.flinkpack.redis.config.NullValuePolicy;
import io.github.flinkpack.redis.config.ParseErrorPolicy;
import io.github.flinkpack.redis.config.RedisMode;
import io.github.flinkpack.redis.config.ScanErrorPolicy;
import io.github.flinkpack.redis.config.SinkDeliveryGuarantee;
import io.github.flinkpack.redis.config.TtlMode;
import io.github.flinkpack.redis.config.ValueFormat;
import java.time.Duration;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options of {@code 'connector' = 'redis'}. */
@PublicEvolving
public final class RedisConnectorOptions {

    private RedisConnectorOptions() {}

    // ------------------------------------------------------------------ connection

    public static final ConfigOption<String> URL =
            ConfigOptions.key("url")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Server address: redis://host:port[/db], or rediss://host:port[/db] for"
                                    + " TLS. Required in standalone mode; in cluster and sentinel modes"
                                    + " it may give the TLS scheme (and the seed host). Credentials go"
                                    + " in 'username' and 'password', never in the URL.");

    public static final ConfigOption<RedisMode> MODE =
            ConfigOptions.key("mode")
                    .enumType(RedisMode.class)
                    .defaultValue(RedisMode.STANDALONE)
                    .withDescription("Deployment: standalone, cluster or sentinel.");

    public static final ConfigOption<String> CLUSTER_NODES =
            ConfigOptions.key("cluster.nodes")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Seed nodes of a Redis Cluster, 'host1:port1,host2:port2'. The other"
                                    + " nodes are discovered.");

    public static final ConfigOption<String> SENTINEL_MASTER =
            ConfigOptions.key("sentinel.master")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Name of the master the Sentinels monitor.");

    public static final ConfigOption<String> SENTINEL_NODES =
            ConfigOptions.key("sentinel.nodes")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Sentinels, 'host1:port1,host2:port2'.");

    public static final ConfigOption<String> USERNAME =
            ConfigOptions.key("username")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "ACL user name (Redis 6+). Without it, 'password' is the"
                                    + " default user's password.");

    public static final ConfigOption<String> PASSWORD =
            ConfigOptions.key("password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Password; masked by Flink and never logged by the sink.");

    public static final ConfigOption<Duration> CONNECT_TIMEOUT =
            ConfigOptions.key("connect.timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription("Timeout to open a connection.");

    public static final ConfigOption<Duration> SOCKET_TIMEOUT =
            ConfigOptions.key("socket.timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Timeout to wait for a reply to a batch.");

    public static final ConfigOption<Boolean> TLS_ENABLED =
            ConfigOptions.key("tls.enabled")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Use TLS; implied by a rediss:// URL.");

    public static final ConfigOption<String> TLS_TRUSTSTORE_PATH =
            ConfigOptions.key("tls.truststore.path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Truststore (PKCS12 or JKS) with the CA that signed the server"
                                    + " certificate; without it the JVM's default trust is used.");

    public static final ConfigOption<String> TLS_TRUSTSTORE_PASSWORD =
            ConfigOptions.key("tls.truststore.password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Password of 'tls.truststore.path'.");

    public static final ConfigOption<Boolean> TLS_VERIFY_HOSTNAME =
            ConfigOptions.key("tls.verify-hostname")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Check that the server certificate names the host.");

    // ------------------------------------------------------------------ mapping

    /** The options that say how to reach Redis, shared by every Redis table factory. */
    static final List<ConfigOption<?>> CONNECTION =
            List.of(
                    URL,
                    MODE,
                    CLUSTER_NODES,
                    SENTINEL_MASTER,
                    SENTINEL_NODES,
                    USERNAME,
                    PASSWORD,
                    CONNECT_TIMEOUT,
                    SOCKET_TIMEOUT,
                    TLS_ENABLED,
                    TLS_TRUSTSTORE_PATH,
                    TLS_TRUSTSTORE_PASSWORD,
                    TLS_VERIFY_HOSTNAME);

    public static final ConfigOption<String> COMMAND =
            ConfigOptions.key("command")
                    .stringType()
                    .defaultValue("SET")
                    .withDescription(
                            "The write each row becomes (case-insensitive): SET, INCR, EXPIRE,"
                                    + " HSET, HINCR, SADD, ZADD, ZINCRBY, LPUSH, RPUSH, PFADD,"
                                    + " XADD or PUBLISH.");

    public static final ConfigOption<String> KEY_FIELDS =
            ConfigOptions.key("key.fields")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Key columns 'a;b' for tables without a PRIMARY KEY (append-only"
                                    + " input). With a PRIMARY KEY, its columns are the key.");

    public static final ConfigOption<String> KEY_PREFIX =
            ConfigOptions.key("key.prefix")
                    .stringType()
                    .defaultValue("")
                    .withDescription("Text put before every key.");

    public static final ConfigOption<String> KEY_SEPARATOR =
            ConfigOptions.key("key.separator")
                    .stringType()
                    .defaultValue(":")
                    .withDescription("Text between key column values.");

    public static final ConfigOption<ValueFormat> VALUE_FORMAT =
            ConfigOptions.key("value.format")
                    .enumType(ValueFormat.class)
                    .noDefaultValue()
                    .withDescription(
                            "text: the single value column as text. json: every value column as"
                                    + " one JSON object. Several value columns need 'json'.");

    public static final ConfigOption<String> HASH_FIELD =
            ConfigOptions.key("hash.field")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "HSET/HINCR: the column whose value names the hash field. Without it"
                                    + " HSET writes every value column as a field.");

    public static final ConfigOption<String> ZSET_SCORE =
            ConfigOptions.key("zset.score")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "ZADD: the numeric column holding the member's score; ZINCRBY: the"
                                    + " numeric column holding the amount to add (1 per row"
                                    + " without it).");

    public static final ConfigOption<Integer> LIST_MAX_LENGTH =
            ConfigOptions.key("list.max-length")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "LPUSH/RPUSH: keep only the newest N elements of each list (LTRIM"
                                    + " after the pushes, in the same pipeline).");

    public static final ConfigOption<Long> STREAM_MAX_LENGTH =
            ConfigOptions.key("stream.max-length")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "XADD: cap each stream at about N entries (MAXLEN ~ N: Redis trims"
                                    + " whole nodes, so a stream may hold a few more).");

    public static final ConfigOption<String> STREAM_ID =
            ConfigOptions.key("stream.id")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "XADD: the column holding the entry id: a STRING id ('<ms>-<seq>')"
                                    + " or a BIGINT / TIMESTAMP_LTZ time in milliseconds (Redis"
                                    + " picks the sequence). Without it Redis assigns ids ('*').");

    public static final ConfigOption<Duration> TTL =
            ConfigOptions.key("ttl")
                    .durationType()
                    .noDefaultValue()
                    .withDescription("Time to live of every written key.");

    public static final ConfigOption<String> TTL_COLUMN =
            ConfigOptions.key("ttl.column")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Column with the TTL per row: BIGINT milliseconds, INTERVAL, or"
                                    + " TIMESTAMP_LTZ / TIMESTAMP (UTC) for an absolute expiry.");

    public static final ConfigOption<TtlMode> TTL_MODE =
            ConfigOptions.key("ttl.mode")
                    .enumType(TtlMode.class)
                    .defaultValue(TtlMode.ALWAYS)
                    .withDescription(
                            "always: every write sets the TTL; on-create: only the first.");

    // ------------------------------------------------------------------ sink behaviour

    public static final ConfigOption<DeleteBehavior> SINK_DELETE_BEHAVIOR =
            ConfigOptions.key("sink.delete-behavior")
                    .enumType(DeleteBehavior.class)
                    .defaultValue(DeleteBehavior.DELETE)
                    .withDescription("SET/HSET: what a DELETE row does to its key.");

    public static final ConfigOption<NullKeyPolicy> SINK_NULL_KEY =
            ConfigOptions.key("sink.null-key")
                    .enumType(NullKeyPolicy.class)
                    .defaultValue(NullKeyPolicy.FAIL)
                    .withDescription("What a row with a NULL key column does.");

    public static final ConfigOption<NullValuePolicy> SINK_NULL_VALUE =
            ConfigOptions.key("sink.null-value")
                    .enumType(NullValuePolicy.class)
                    .defaultValue(NullValuePolicy.FAIL)
                    .withDescription(
                            "What a row with a NULL single value column does. With several"
                                    + " value columns (json, HSET) NULL columns are written as JSON"
                                    + " null / removed from the hash.");

    public static final ConfigOption<Integer> SINK_BUFFER_FLUSH_MAX_ROWS =
            ConfigOptions.key("sink.buffer-flush.max-rows")
                    .intType()
                    .defaultValue(1000)
                    .withDescription("Rows buffered before a batch is written in one round trip.");

    public static final ConfigOption<Integer> SINK_MAX_IN_FLIGHT_BATCHES =
            ConfigOptions.key("sink.max-in-flight-batches")
                    .intType()
                    .defaultValue(4)
                    .withDescription(
                            "At-least-once and none: batches written at the same time, 1 to 8."
                                    + " Keys are split into this many lanes by hash, each with"
                                    + " its own buffer of 'sink.buffer-flush.max-rows' rows and one"
                                    + " batch in flight, so the writes to one key keep their order"
                                    + " and a retried batch never overtakes a later one.");

    public static final ConfigOption<Duration> SINK_BUFFER_FLUSH_INTERVAL =
            ConfigOptions.key("sink.buffer-flush.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription("Longest time a buffered row waits; 0 disables the timer.");

    public static final ConfigOption<SinkDeliveryGuarantee> SINK_DELIVERY_GUARANTEE =
            ConfigOptions.key("sink.delivery-guarantee")
                    .enumType(SinkDeliveryGuarantee.class)
                    .defaultValue(SinkDeliveryGuarantee.AT_LEAST_ONCE)
                    .withDescription(
                            "at-least-once: checkpoints wait for buffered rows. exactly-once: a"
                                    + " checkpoint's rows are applied once, after it completes"
                                    + " (needs checkpointing). none: size and time flushes only.");

    public static final ConfigOption<Duration> SINK_EXACTLY_ONCE_MARKER_RETENTION =
            ConfigOptions.key("sink.exactly-once.marker-retention")
                    .durationType()
                    .defaultValue(Duration.ofDays(7))
                    .withDescription(
                            "exactly-once: how long the commit markers that make a repeated commit"
                                    + " a no-op are kept. Restoring from a checkpoint or savepoint"
                                    + " older than this may apply its last commit again.");

    public static final ConfigOption<Integer> SINK_MAX_RETRIES =
            ConfigOptions.key("sink.max-retries")
                    .intType()
                    .defaultValue(3)
                    .withDescription("Retries of a failed batch before the job fails.");

    public static final ConfigOption<Duration> SINK_RETRY_BACKOFF =
            ConfigOptions.key("sink.retry.backoff")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription("Wait before the first retry; doubled for each further one.");

    // ------------------------------------------------------------------ lookup and scan
    // The cache and 'lookup.max-retries' are Flink's own LookupOptions.

    public static final ConfigOption<Boolean> LOOKUP_ASYNC =
            ConfigOptions.key("lookup.async")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Asynchronous lookups: the keys in flight (up to"
                                    + " 'table.exec.async-lookup.buffer-capacity') are read in one"
                                    + " pipelined round trip per node. false: one synchronous read"
                                    + " per row.");

    public static final ConfigOption<ParseErrorPolicy> LOOKUP_ON_PARSE_ERROR =
            ConfigOptions.key("lookup.on-parse-error")
                    .enumType(ParseErrorPolicy.class)
                    .defaultValue(ParseErrorPolicy.FAIL)
                    .withDescription(
                            "A Redis value that does not read as its column's type: fail the job"
                                    + " naming the key, column and value, or read it as NULL"
                                    + " (counted in numParseErrors).");

    public static final ConfigOption<Duration> LOOKUP_RETRY_BACKOFF =
            ConfigOptions.key("lookup.retry.backoff")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
                    .withDescription(
                            "Wait before the first retry of a failed read; doubled for each"
                                    + " further one, up to 'lookup.max-retries'.");

    public static final ConfigOption<Integer> SCAN_COUNT =
            ConfigOptions.key("scan.count")
                    .intType()
                    .defaultValue(1000)
                    .withDescription(
                            "Keys a scan asks for per SCAN call (its COUNT hint); their values are"
                                    + " read in one pipelined round trip.");

    public static final ConfigOption<ScanErrorPolicy> SCAN_ON_ERROR =
            ConfigOptions.key("scan.on-error")
                    .enumType(ScanErrorPolicy.class)
                    .defaultValue(ScanErrorPolicy.FAIL)
                    .withDescription(
                            "A key under 'key.prefix' that is not a row of the table (its name"
                                    + " does not split into the key columns, its value does not read,"
                                    + " or it holds another Redis type): fail the job naming it, or"
                                    + " skip it (counted in numKeysSkipped).");
}
