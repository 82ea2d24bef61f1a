package io.github.flinkpack.debezium.format;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.description.Description;
import org.apache.flink.formats.json.JsonFormatOptions;

/** The options of {@code 'format' = 'debezium-json-ext'}, each prefixed with the format name. */
@PublicEvolving
public final class DebeziumExtOptions {

    /** What to do with a record whose op is not c, r, u or d (e.g. t, m). */
    public enum UnknownOp {
        SKIP("skip"),
        FAIL("fail");

        private final String value;

        UnknownOp(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** Which changelog the format declares and emits. */
    public enum ChangelogMode {
        ALL("all"),
        UPSERT("upsert"),
        APPEND("append");

        private final String value;

        ChangelogMode(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** The shape of the records. */
    public enum Envelope {
        AUTO("auto"),
        FLATTENED("flattened");

        private final String value;

        Envelope(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** What to do with a record that cannot be decoded. */
    public enum OnError {
        FAIL("fail"),
        SKIP("skip");

        private final String value;

        OnError(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** How an UPDATE_BEFORE row is written. */
    public enum UpdateBefore {
        SKIP("skip"),
        AS_DELETE("as-delete");

        private final String value;

        UpdateBefore(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    public static final ConfigOption<String> OPS =
            ConfigOptions.key("ops")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The Debezium operations that become rows, e.g. 'c,r' for inserts and"
                                    + " snapshot reads only (the table is then insert-only). Of c,"
                                    + " r, u, d. Default: all four.");

    public static final ConfigOption<UnknownOp> UNKNOWN_OP =
            ConfigOptions.key("unknown-op")
                    .enumType(UnknownOp.class)
                    .defaultValue(UnknownOp.SKIP)
                    .withDescription(
                            "A record whose op is not c, r, u or d (truncate 't', message 'm', or"
                                    + " anything else): 'skip' counts it in the metric"
                                    + " debeziumUnknownOpsSkipped; 'fail' fails the job.");

    public static final ConfigOption<ChangelogMode> CHANGELOG_MODE =
            ConfigOptions.key("changelog-mode")
                    .enumType(ChangelogMode.class)
                    .defaultValue(ChangelogMode.ALL)
                    .withDescription(
                            "'all': updates become UPDATE_BEFORE and UPDATE_AFTER (needs 'before',"
                                    + " as debezium-json). 'upsert': updates become UPDATE_AFTER"
                                    + " only and deletes need no 'before' (Postgres without REPLICA"
                                    + " IDENTITY FULL, MongoDB without pre-images); the table needs"
                                    + " a PRIMARY KEY. 'append': the topic as a stream of events,"
                                    + " as ksqlDB's CREATE STREAM reads it: every event one INSERT"
                                    + " row (the 'after' image, for deletes the 'before' image),"
                                    + " the op readable as metadata.");

    public static final ConfigOption<Envelope> ENVELOPE =
            ConfigOptions.key("envelope")
                    .enumType(Envelope.class)
                    .defaultValue(Envelope.AUTO)
                    .withDescription(
                            Description.builder()
                                    .text(
                                            "'auto': Debezium change events, with or without the"
                                                    + " schema/payload wrapper, detected per record."
                                                    + " 'flattened': records of Debezium's"
                                                    + " ExtractNewRecordState (the row's fields at"
                                                    + " the top, with __op, __deleted and"
                                                    + " __source_* fields); needs changelog-mode"
                                                    + " 'upsert'.")
                                    .build());

    public static final ConfigOption<OnError> ON_ERROR =
            ConfigOptions.key("on-error")
                    .enumType(OnError.class)
                    .defaultValue(OnError.FAIL)
                    .withDescription(
                            "A record that cannot be decoded: 'fail' fails the job with the reason"
                                    + " and the record's first 200 bytes; 'skip' drops it, counts it"
                                    + " in the metric debeziumCorruptRecordsSkipped and logs it"
                                    + " (at most once per 10 seconds).");

    public static final ConfigOption<UpdateBefore> ENCODE_UPDATE_BEFORE =
            ConfigOptions.key("encode.update-before")
                    .enumType(UpdateBefore.class)
                    .defaultValue(UpdateBefore.SKIP)
                    .withDescription(
                            "Writing: 'skip' declares a changelog without UPDATE_BEFORE, so the"
                                    + " planner does not send it and each update is one 'u' event;"
                                    + " 'as-delete' writes UPDATE_BEFORE as a 'd' event.");

    public static final ConfigOption<String> TIMESTAMP_FORMAT = JsonFormatOptions.TIMESTAMP_FORMAT;

    public static final ConfigOption<String> MAP_NULL_KEY_MODE =
            JsonFormatOptions.MAP_NULL_KEY_MODE;

    public static final ConfigOption<String> MAP_NULL_KEY_LITERAL =
            JsonFormatOptions.MAP_NULL_KEY_LITERAL;

    public static final ConfigOption<Boolean> ENCODE_DECIMAL_AS_PLAIN_NUMBER =
            JsonFormatOptions.ENCODE_DECIMAL_AS_PLAIN_NUMBER;

    private DebeziumExtOptions() {}
}
