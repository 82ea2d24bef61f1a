package io.github.flinkpack.finalrows;

import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The options of {@code 'connector' = 'final'}; every {@code inner.*} option goes to the inner
 * sink.
 */
@PublicEvolving
public final class FinalSinkOptions {

    /** The prefix of the options handed to the wrapped sink, without it. */
    public static final String INNER_PREFIX = "inner.";

    /** When a key's row is final. */
    public enum Trigger {
        END_OF_INPUT("end-of-input"),
        WATERMARK("watermark"),
        IDLE("idle"),
        CHECKPOINT("checkpoint");

        private final String value;

        Trigger(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** What the inner sink sees. */
    public enum Output {
        APPEND("append"),
        UPSERT("upsert");

        private final String value;

        Output(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** A change to a key after its final row was written. */
    public enum Late {
        DROP("drop"),
        EMIT("emit"),
        FAIL("fail");

        private final String value;

        Late(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    public static final ConfigOption<String> EMIT =
            ConfigOptions.key("final.emit")
                    .stringType()
                    .defaultValue("end-of-input")
                    .withDescription(
                            "When a key's row is final, a comma-separated list of: end-of-input"
                                    + " (a bounded job's last value per key), watermark (once the"
                                    + " watermark passes final.time-column + final.grace), idle"
                                    + " (final.idle-timeout of processing time without a change),"
                                    + " checkpoint (the net change per key at each checkpoint).");

    public static final ConfigOption<String> TIME_COLUMN =
            ConfigOptions.key("final.time-column")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "For 'watermark': the TIMESTAMP or TIMESTAMP_LTZ column that closes a"
                                    + " key, e.g. a window end.");

    public static final ConfigOption<Duration> GRACE =
            ConfigOptions.key("final.grace")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription(
                            "For 'watermark': how long after the time column changes are still"
                                    + " taken before the row is final.");

    public static final ConfigOption<Duration> IDLE_TIMEOUT =
            ConfigOptions.key("final.idle-timeout")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "For 'idle': processing time without a change after which a key's row"
                                    + " is written; every change starts it again.");

    public static final ConfigOption<Output> OUTPUT =
            ConfigOptions.key("final.output")
                    .enumType(Output.class)
                    .defaultValue(Output.APPEND)
                    .withDescription(
                            "'append': the inner sink sees inserts only (a plain kafka + json sink"
                                    + " works); a key deleted in the end writes nothing. 'upsert':"
                                    + " it sees UPDATE_AFTER and DELETE by key.");

    public static final ConfigOption<Late> LATE =
            ConfigOptions.key("final.late")
                    .enumType(Late.class)
                    .defaultValue(Late.DROP)
                    .withDescription(
                            "A change to a key after its final row was written: 'drop' (counted in"
                                    + " metric finalLateChangesDropped), 'emit' (written as a new"
                                    + " final row), 'fail'.");

    public static final ConfigOption<Duration> STATE_TTL =
            ConfigOptions.key("final.state.ttl")
                    .durationType()
                    .defaultValue(Duration.ofDays(1))
                    .withDescription(
                            "How long a key is remembered after its last change, to recognise late"
                                    + " changes; 0 keeps keys forever.");

    private FinalSinkOptions() {}
}
