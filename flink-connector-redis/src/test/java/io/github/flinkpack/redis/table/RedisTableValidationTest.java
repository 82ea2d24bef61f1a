package io.github.flinkpack.redis.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each misconfiguration fails at planning time with a message that says what to change. */
class RedisTableValidationTest {

    private TableEnvironment env;

    @BeforeEach
    void setUp() {
        env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql(
                "CREATE TEMPORARY VIEW src AS SELECT * FROM (VALUES ('k', 'v', 1)) AS t(k, s, n)");
    }

    private void plan(String columns, String options, String select) {
        env.executeSql(
                "CREATE TABLE t ("
                        + columns
                        + ") WITH ('connector' = 'redis'"
                        + (options.isEmpty() ? "" : ", " + options)
                        + ")");
        env.explainSql("INSERT INTO t " + select);
    }

    private static final String URL = "'url' = 'redis://localhost:6379'";

    @Test
    void missingUrl() {
        assertThatThrownBy(
                        () ->
                                plan(
                                        "k STRING, v STRING",
                                        "'key.fields' = 'k'",
                                        "SELECT k, s FROM src"))
                .hasStackTraceContaining("Redis table 'default_catalog.default_database.t'")
                .hasStackTraceContaining("Missing 'url'. Set 'url' = 'redis://host:6379'");
    }

    @Test
    void inFlightBatchesOutOfRange() {
        for (String value : new String[] {"0", "9"}) {
            assertThatThrownBy(
                            () ->
                                    plan(
                                            "k STRING, v STRING",
                                            URL
                                                    + ", 'key.fields' = 'k',"
                                                    + " 'sink.max-in-flight-batches' = '"
                                                    + value
                                                    + "'",
                                            "SELECT k, s FROM src"))
                    .hasStackTraceContaining("Redis table 'default_catalog.default_database.t'")
                    .hasStackTraceContaining(
                            "'sink.max-in-flight-batches' = " + value + " must be between 1 and 8");
            env.executeSql("DROP TABLE t");
        }
    }

    @Test
    void unknownCommand() {
        assertThatThrownBy(
                        () ->
                                plan(
                                        "k STRING, v STRING",
                                        URL + ", 'key.fields' = 'k', 'command' = 'GETSET'",
                                        "SELECT k, s FROM src"))
                .hasStackTraceContaining("Unsupported 'command' = 'GETSET'")
                .hasStackTraceContaining(
                        "Use one of SET, INCR, EXPIRE, HSET, HINCR, SADD, ZADD, ZINCRBY, LPUSH,"
                                + " RPUSH, PFADD, XADD, PUBLISH");
    }

    @Test
    void hincrWithoutHashField() {
        assertThatThrownBy(
                        () ->
                                plan(
                                        "k STRING, n INT",
                                        URL + ", 'key.fields' = 'k', 'command' = 'hincr'",
                                        "SELECT k, n FROM src"))
                .hasStackTraceContaining("'command' = 'HINCR' needs 'hash.field'");
    }

    @Test
    void severalValueColumnsWithoutValueFormat() {
        assertThatThrownBy(
                        () ->
                                plan(
                                        "k STRING, a STRING, b INT",
                                        URL + ", 'key.fields' = 'k'",
                                        "SELECT k, s, n FROM src"))
                .hasStackTraceContaining("Several value columns [a, b]")
                .hasStackTraceContaining("Set 'value.format' = 'json'");
    }

    @Test
    void incrOnAStringValue() {
        assertThatThrownBy(
                        () ->
                                plan(
                                        "k STRING, v STRING",
                                        URL + ", 'key.fields' = 'k', 'command' = 'INCR'",
                                        "SELECT k, s FROM src"))
                .hasStackTraceContaining(
                        "'command' = 'INCR' adds the value column, but 'v' is" + " STRING")
                .hasStackTraceContaining("CAST it in the query");
    }

    @Test
    void noKey() {
        assertThatThrownBy(() -> plan("k STRING, v STRING", URL, "SELECT k, s FROM src"))
                .hasStackTraceContaining("No Redis key: declare PRIMARY KEY");
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
        // Flink's own wrapper lists the table options (masking only '*password*' keys), so the
        // URL is refused: our message never repeats it, and says where credentials belong.
        assertThatThrownBy(
                        () ->
                                plan(
                                        "k STRING, v STRING",
                                        "'url' = 'redis://admin:TopSecret1@localhost:6379', 'key.fields' = 'k'",
                                        "SELECT k, s FROM src"))
                .rootCause()
                .hasMessageContaining("Use the 'username' and 'password' options")
                .hasMessageNotContaining("TopSecret1");
    }

    @Test
    void passwordOptionNeverAppearsInAValidationError() {
        assertThatThrownBy(
                        () ->
                                plan(
                                        "k STRING, v STRING",
                                        URL
                                                + ", 'password' = 'TopSecret2', 'command' = 'nope', 'key.fields' = 'k'",
                                        "SELECT k, s FROM src"))
                .hasStackTraceContaining("Unsupported 'command' = 'nope'")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("TopSecret2"));
    }

    @Test
    void ttlAndTtlColumnTogether() {
        assertThatThrownBy(
                        () ->
                                plan(
                                        "k STRING, v STRING, t BIGINT",
                                        URL
                                                + ", 'key.fields' = 'k', 'ttl' = '1 min', 'ttl.column' = 't'",
                                        "SELECT k, s, CAST(n AS BIGINT) FROM src"))
                .hasStackTraceContaining("Set either 'ttl' or 'ttl.column', not both");
    }

    @Test
    void expireWithoutTtl() {
        assertThatThrownBy(
                        () ->
                                plan(
                                        "k STRING",
                                        URL + ", 'key.fields' = 'k', 'command' =" + " 'expire'",
                                        "SELECT k FROM src"))
                .hasStackTraceContaining("'command' = 'EXPIRE' only sets TTLs: set 'ttl'");
    }

    @Test
    void unknownColumnInKeyFields() {
        assertThatThrownBy(
                        () ->
                                plan(
                                        "k STRING, v STRING",
                                        URL + ", 'key.fields' = 'id'",
                                        "SELECT k, s FROM src"))
                .hasStackTraceContaining(
                        "'key.fields' names column 'id', which the table does"
                                + " not have. Columns: [k, v]");
    }

    @Test
    void updatingQueryIntoSetWithoutPrimaryKeyIsRejectedByThePlanner() {
        assertThatThrownBy(
                        () ->
                                plan(
                                        "k STRING, c BIGINT",
                                        URL + ", 'key.fields' = 'k'",
                                        "SELECT k, COUNT(*) FROM src GROUP BY k"))
                .hasStackTraceContaining("doesn't support consuming update changes");
    }

    @Test
    void misspelledOptionIsNamed() {
        assertThatThrownBy(
                        () ->
                                plan(
                                        "k STRING, v STRING",
                                        URL + ", 'key.fields' = 'k', 'ttl.mod' = 'always'",
                                        "SELECT k, s FROM src"))
                .hasStackTraceContaining("Unsupported options")
                .hasStackTraceContaining("ttl.mod");
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
