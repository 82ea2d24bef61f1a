package io.github.flinkpack.redis.table;

import io.github.flinkpack.redis.config.ParseErrorPolicy;
import io.github.flinkpack.redis.config.StreamBoundedMode;
import io.github.flinkpack.redis.config.StreamStartupMode;
import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Options of {@code 'connector' = 'redis-stream'} besides the connection options it shares with
 * {@code 'redis'} ({@link RedisConnectorOptions}).
 */
@PublicEvolving
public final class RedisStreamOptions {

    private RedisStreamOptions() {}

    public static final ConfigOption<String> STREAM =
            ConfigOptions.key("stream")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("The stream key(s) to read, several separated by ';'.");

    public static final ConfigOption<String> GROUP_NAME =
            ConfigOptions.key("group.name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Read as this consumer group (XREADGROUP, created where missing),"
                                    + " acknowledging entries when a checkpoint completes. Unset:"
                                    + " plain XREAD, positions only in Flink's checkpoints.");

    public static final ConfigOption<String> GROUP_CONSUMER =
            ConfigOptions.key("group.consumer")
                    .stringType()
                    .defaultValue("flink")
                    .withDescription(
                            "Consumer name prefix within the group; each stream is read by"
                                    + " consumer '<prefix>-<stream>'.");

    public static final ConfigOption<StreamStartupMode> SCAN_STARTUP_MODE =
            ConfigOptions.key("scan.startup.mode")
                    .enumType(StreamStartupMode.class)
                    .noDefaultValue()
                    .withDescription(
                            "Where to start without a checkpoint: 'earliest', 'latest',"
                                    + " 'group-offsets' or 'timestamp'. Default: 'group-offsets'"
                                    + " with 'group.name', else 'earliest'. With a group it"
                                    + " applies when the group is created.");

    public static final ConfigOption<Long> SCAN_STARTUP_TIMESTAMP_MILLIS =
            ConfigOptions.key("scan.startup.timestamp-millis")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "With 'scan.startup.mode' = 'timestamp': the first entry time (epoch"
                                    + " milliseconds) to read.");

    public static final ConfigOption<StreamBoundedMode> SCAN_BOUNDED_MODE =
            ConfigOptions.key("scan.bounded.mode")
                    .enumType(StreamBoundedMode.class)
                    .defaultValue(StreamBoundedMode.UNBOUNDED)
                    .withDescription(
                            "'unbounded', or 'latest': end at the last entry each stream holds"
                                    + " when the job starts (batch jobs, tests).");

    public static final ConfigOption<Integer> SCAN_READ_COUNT =
            ConfigOptions.key("scan.read.count")
                    .intType()
                    .defaultValue(1000)
                    .withDescription("Entries asked for per stream and read (COUNT).");

    public static final ConfigOption<Duration> SCAN_POLL_INTERVAL =
            ConfigOptions.key("scan.poll-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(50))
                    .withDescription("Wait after a read that found nothing new.");

    public static final ConfigOption<String> VALUE_FORMAT =
            ConfigOptions.key("value.format")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "A Flink format (e.g. 'json') reading the whole row from one entry"
                                    + " field ('value.field'). Unset: each column from the field"
                                    + " of its name, as text.");

    public static final ConfigOption<String> VALUE_FIELD =
            ConfigOptions.key("value.field")
                    .stringType()
                    .defaultValue("value")
                    .withDescription("With 'value.format': the entry field holding the row.");

    public static final ConfigOption<ParseErrorPolicy> SCAN_ON_PARSE_ERROR =
            ConfigOptions.key("scan.on-parse-error")
                    .enumType(ParseErrorPolicy.class)
                    .defaultValue(ParseErrorPolicy.FAIL)
                    .withDescription(
                            "A field that does not read as its column's type: fail the job naming"
                                    + " the stream, entry, field and value, or read it as NULL"
                                    + " (with 'value.format': skip the entry); counted in"
                                    + " numParseErrors.");
}
