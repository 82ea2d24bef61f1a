package io.github.flinkpack.redis.lookup;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each misconfiguration of a lookup or scan fails at planning with the fix. */
class RedisLookupValidationTest {

    private static final String TABLE = "Redis table 'default_catalog.default_database.dim'";
    private TableEnvironment env;

    @BeforeEach
    void setUp() {
        env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql(
                "CREATE TEMPORARY VIEW probes AS SELECT id, name, PROCTIME() AS proc FROM (VALUES"
                        + " ('k', 'n')) AS t(id, name)");
    }

    private void dim(String columns, String options) {
        env.executeSql(
                "CREATE TABLE dim ("
                        + columns
                        + ") WITH ('connector' = 'redis', 'url' = 'redis://localhost:6379'"
                        + (options.isEmpty() ? "" : ", " + options)
                        + ")");
    }

    private void planJoin(String on) {
        env.explainSql(
                "SELECT * FROM probes AS p LEFT JOIN dim FOR SYSTEM_TIME AS OF p.proc AS d ON "
                        + on);
    }

    @Test
    void lookupNeedsAPrimaryKey() {
        dim("id STRING, v STRING", "'key.fields' = 'id'");
        assertThatThrownBy(() -> planJoin("p.id = d.id"))
                .hasStackTraceContaining(TABLE)
                .hasStackTraceContaining("a lookup join reads by the Redis key")
                .hasStackTraceContaining("declare PRIMARY KEY (id) NOT ENFORCED");
    }

    @Test
    void joinOnOtherColumnsThanTheKey() {
        dim("id STRING, v STRING, PRIMARY KEY (id) NOT ENFORCED", "");
        assertThatThrownBy(() -> planJoin("p.name = d.v"))
                .hasStackTraceContaining(TABLE)
                .hasStackTraceContaining(
                        "a lookup join must give every column of the Redis key [id]")
                .hasStackTraceContaining("but it gives [v]");
    }

    @Test
    void joinOnPartOfACompositeKey() {
        dim("id STRING, name STRING, v STRING, PRIMARY KEY (id, name) NOT ENFORCED", "");
        assertThatThrownBy(() -> planJoin("p.id = d.id"))
                .hasStackTraceContaining("every column of the Redis key [id, name]")
                .hasStackTraceContaining("but it gives [id]");
    }

    @Test
    void hashFieldIsPartOfTheKey() {
        dim(
                "id STRING, name STRING, v BIGINT, PRIMARY KEY (id) NOT ENFORCED",
                "'command' = 'HINCR', 'hash.field' = 'name'");
        assertThatThrownBy(() -> planJoin("p.id = d.id"))
                .hasStackTraceContaining("every column of the Redis key [id, name]")
                .hasStackTraceContaining("with 'hash.field' the field column 'name' is part");
    }

    @Test
    void fullCacheIsRefusedWithTheAlternative() {
        dim("id STRING, v STRING, PRIMARY KEY (id) NOT ENFORCED", "'lookup.cache' = 'FULL'");
        assertThatThrownBy(() -> planJoin("p.id = d.id"))
                .hasStackTraceContaining(TABLE)
                .hasStackTraceContaining("'lookup.cache' = 'FULL' is not supported")
                .hasStackTraceContaining("Use 'PARTIAL'");
    }

    @Test
    void partialCacheNeedsABound() {
        dim("id STRING, v STRING, PRIMARY KEY (id) NOT ENFORCED", "'lookup.cache' = 'PARTIAL'");
        assertThatThrownBy(() -> planJoin("p.id = d.id"))
                .hasStackTraceContaining("'lookup.cache' = 'PARTIAL' needs a bound")
                .hasStackTraceContaining("'lookup.partial-cache.max-rows'");
    }

    @Test
    void expireTablesHaveNothingToRead() {
        dim("id STRING, PRIMARY KEY (id) NOT ENFORCED", "'command' = 'EXPIRE', 'ttl' = '1 min'");
        assertThatThrownBy(() -> planJoin("p.id = d.id"))
                .hasStackTraceContaining(
                        "'command' = 'EXPIRE' only sets TTLs, so there is no value");
    }

    @Test
    void negativeRetriesAndEmptyScanPages() {
        dim("id STRING, v STRING, PRIMARY KEY (id) NOT ENFORCED", "'lookup.max-retries' = '-1'");
        assertThatThrownBy(() -> planJoin("p.id = d.id"))
                .hasStackTraceContaining("'lookup.max-retries' = -1 must be 0 or more");
        env.executeSql("DROP TABLE dim");
        dim("id STRING, v STRING, PRIMARY KEY (id) NOT ENFORCED", "'scan.count' = '0'");
        assertThatThrownBy(() -> env.explainSql("SELECT * FROM dim"))
                .hasStackTraceContaining("'scan.count' = 0 must be at least 1");
    }

    @Test
    void unknownLookupOptionIsNamed() {
        dim("id STRING, v STRING, PRIMARY KEY (id) NOT ENFORCED", "'lookup.asynch' = 'true'");
        assertThatThrownBy(() -> planJoin("p.id = d.id"))
                .hasStackTraceContaining("Unsupported options")
                .hasStackTraceContaining("lookup.asynch");
    }

    @Test
    void badPolicyValueIsNamed() {
        dim(
                "id STRING, v STRING, PRIMARY KEY (id) NOT ENFORCED",
                "'lookup.on-parse-error' = 'ignore'");
        assertThatThrownBy(() -> planJoin("p.id = d.id"))
                .hasStackTraceContaining("lookup.on-parse-error")
                .hasStackTraceContaining("ignore");
    }
}
