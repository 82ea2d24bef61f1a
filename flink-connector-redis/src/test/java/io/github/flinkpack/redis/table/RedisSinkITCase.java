package io.github.flinkpack.redis.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** Every command end to end from SQL into a real redis-server, checking what Redis holds. */
class RedisSinkITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    private TableEnvironment env;

    @BeforeEach
    void setUp() {
        REDIS.flush();
        env = FlinkMiniCluster.streaming();
    }

    private void sinkTable(String name, String columns, String... options) {
        StringBuilder ddl =
                new StringBuilder("CREATE TABLE ")
                        .append(name)
                        .append(" (")
                        .append(columns)
                        .append(") WITH ('connector' = 'redis', 'url' = '")
                        .append(REDIS.url())
                        .append("'");
        for (String option : options) {
            ddl.append(", ").append(option);
        }
        env.executeSql(ddl.append(")").toString());
    }

    private void run(String insert) throws Exception {
        env.executeSql(insert).await();
    }

    @Test
    void setWritesValuesWithTtlAndPrefix() throws Exception {
        sinkTable(
                "users",
                "id BIGINT, region STRING, name STRING, PRIMARY KEY (id, region) NOT ENFORCED",
                "'key.prefix' = 'user:'",
                "'ttl' = '10 min'");
        run("INSERT INTO users VALUES (1, 'kr', 'kim'), (2, 'us', 'lee'), (1, 'kr', 'park')");

        try (Jedis redis = REDIS.newClient()) {
            assertThat(redis.keys("*")).containsExactlyInAnyOrder("user:1:kr", "user:2:us");
            assertThat(redis.get("user:1:kr")).isEqualTo("park");
            assertThat(redis.get("user:2:us")).isEqualTo("lee");
            assertThat(redis.pttl("user:1:kr")).isBetween(590_000L, 600_000L);
        }
    }

    @Test
    void setWithJsonValueRendersEveryValueColumn() throws Exception {
        sinkTable(
                "profiles",
                "id INT, name STRING, score DECIMAL(10, 2), tags ARRAY<STRING>,"
                        + " PRIMARY KEY (id) NOT ENFORCED",
                "'value.format' = 'json'",
                "'key.separator' = '|'");
        run("INSERT INTO profiles VALUES (7, 'a\"b', 12.50, ARRAY['x', 'y'])");

        try (Jedis redis = REDIS.newClient()) {
            assertThat(redis.get("7"))
                    .isEqualTo("{\"name\":\"a\\\"b\",\"score\":12.50,\"tags\":[\"x\",\"y\"]}");
            assertThat(redis.pttl("7")).isEqualTo(-1L);
        }
    }

    @Test
    void upsertChangelogWithDeletesLeavesExactlyTheLiveKeys() throws Exception {
        StreamExecutionEnvironment streams = StreamExecutionEnvironment.getExecutionEnvironment();
        StreamTableEnvironment tables = StreamTableEnvironment.create(streams);
        Table changelog =
                tables.fromChangelogStream(
                        streams.fromData(
                                Row.ofKind(RowKind.INSERT, "a", "1"),
                                Row.ofKind(RowKind.INSERT, "b", "1"),
                                Row.ofKind(RowKind.INSERT, "c", "1"),
                                Row.ofKind(RowKind.UPDATE_BEFORE, "a", "1"),
                                Row.ofKind(RowKind.UPDATE_AFTER, "a", "2"),
                                Row.ofKind(RowKind.DELETE, "b", "1"),
                                Row.ofKind(RowKind.INSERT, "d", "1"),
                                Row.ofKind(RowKind.DELETE, "d", "1"),
                                Row.ofKind(RowKind.INSERT, "b", "3")),
                        Schema.newBuilder()
                                .column("f0", "STRING NOT NULL")
                                .column("f1", "STRING")
                                .primaryKey("f0")
                                .build(),
                        ChangelogMode.all());
        tables.createTemporaryView("cdc", changelog);
        tables.executeSql(
                "CREATE TABLE live (k STRING, v STRING, PRIMARY KEY (k) NOT ENFORCED) WITH"
                        + " ('connector' = 'redis', 'url' = '"
                        + REDIS.url()
                        + "', 'sink.buffer-flush.max-rows' = '2')");
        tables.executeSql("INSERT INTO live SELECT f0, f1 FROM cdc").await();

        try (Jedis redis = REDIS.newClient()) {
            assertThat(redis.keys("*")).containsExactlyInAnyOrder("a", "b", "c");
            assertThat(redis.mget("a", "b", "c")).containsExactly("2", "3", "1");
        }
    }

    @Test
    void incrFedAnUpdatingQueryEndsEqualToTheAggregate() throws Exception {
        // Users move between categories: per-category counts go up and down (retractions).
        env.executeSql(
                "CREATE TEMPORARY VIEW moves AS SELECT user_id, CAST(category AS STRING) AS"
                        + " category FROM (VALUES"
                        + " ('u1', 'books'), ('u2', 'books'), ('u3', 'games'),"
                        + " ('u1', 'games'), ('u2', 'music'), ('u4', 'books'),"
                        + " ('u3', 'books'), ('u1', 'books')) AS t(user_id, category)");
        sinkTable(
                "category_users",
                "category STRING, users BIGINT, PRIMARY KEY (category) NOT ENFORCED",
                "'command' = 'incr'",
                "'key.prefix' = 'users:'");
        run(
                "INSERT INTO category_users SELECT category, COUNT(*) FROM ("
                        + " SELECT user_id, LAST_VALUE(category) AS category FROM moves"
                        + " GROUP BY user_id) GROUP BY category");

        // Final membership: u1 books, u2 music, u3 books, u4 books.
        try (Jedis redis = REDIS.newClient()) {
            assertThat(redis.get("users:books")).isEqualTo("3");
            assertThat(redis.get("users:music")).isEqualTo("1");
            assertThat(redis.get("users:games")).isEqualTo("0");
        }
    }

    @Test
    void incrWithoutValueColumnCountsRowsAndFloatsUseIncrByFloat() throws Exception {
        sinkTable(
                "hits",
                "page STRING",
                "'command' = 'INCR'",
                "'key.fields' = 'page'",
                "'ttl' = '1 h'");
        sinkTable(
                "revenue",
                "shop STRING, amount DECIMAL(10, 2)",
                "'command' = 'incr'",
                "'key.fields' = 'shop'",
                "'key.prefix' = 'rev:'");
        run("INSERT INTO hits VALUES ('home'), ('home'), ('cart'), ('home')");
        run("INSERT INTO revenue VALUES ('s1', 10.25), ('s1', 0.50), ('s2', 3.00)");

        try (Jedis redis = REDIS.newClient()) {
            assertThat(redis.get("home")).isEqualTo("3");
            assertThat(redis.get("cart")).isEqualTo("1");
            assertThat(redis.pttl("home")).isBetween(3_590_000L, 3_600_000L);
            assertThat(Double.parseDouble(redis.get("rev:s1"))).isEqualTo(10.75);
            assertThat(Double.parseDouble(redis.get("rev:s2"))).isEqualTo(3.0);
        }
    }

    @Test
    void expireSetsOnlyTheTtlFromAColumn() throws Exception {
        try (Jedis redis = REDIS.newClient()) {
            redis.set("session:1", "x");
            redis.set("session:2", "y");
        }
        sinkTable(
                "sessions",
                "id INT, ttl_ms BIGINT",
                "'command' = 'EXPIRE'",
                "'key.fields' = 'id'",
                "'key.prefix' = 'session:'",
                "'ttl.column' = 'ttl_ms'");
        sinkTable(
                "deadlines",
                "id INT, expires_at TIMESTAMP_LTZ(3)",
                "'command' = 'EXPIRE'",
                "'key.fields' = 'id'",
                "'key.prefix' = 'session:'",
                "'ttl.column' = 'expires_at'");
        run("INSERT INTO sessions VALUES (1, 60000)");
        long in90Seconds = System.currentTimeMillis() + 90_000;
        run("INSERT INTO deadlines VALUES (2, TO_TIMESTAMP_LTZ(" + in90Seconds + ", 3))");

        try (Jedis redis = REDIS.newClient()) {
            assertThat(redis.get("session:1")).isEqualTo("x");
            assertThat(redis.pttl("session:1")).isBetween(50_000L, 60_000L);
            assertThat(redis.pttl("session:2")).isBetween(80_000L, 90_000L);
        }
    }

    @Test
    void hsetPerFieldAndWholeRowAndHincr() throws Exception {
        sinkTable(
                "settings",
                "user_id BIGINT, name STRING, val STRING, PRIMARY KEY (user_id, name) NOT"
                        + " ENFORCED",
                "'command' = 'HSET'");
        env.executeSql(
                "CREATE TABLE settings_by_user (user_id BIGINT, name STRING, val STRING) WITH"
                        + " ('connector' = 'redis', 'url' = '"
                        + REDIS.url()
                        + "', 'command' = 'hset', 'key.fields' = 'user_id', 'hash.field' ="
                        + " 'name', 'key.prefix' = 'settings:')");
        sinkTable(
                "behaviour",
                "category STRING, behavior STRING",
                "'command' = 'HINCR'",
                "'key.fields' = 'category'",
                "'hash.field' = 'behavior'",
                "'key.prefix' = 'behaviour:'");
        sinkTable(
                "people",
                "id INT, name STRING, age INT, PRIMARY KEY (id) NOT ENFORCED",
                "'command' = 'HSET'",
                "'key.prefix' = 'person:'");
        run(
                "INSERT INTO settings_by_user VALUES (1, 'theme', 'dark'), (1, 'lang', 'ko'),"
                        + " (1, 'theme', 'light')");
        run(
                "INSERT INTO behaviour VALUES ('books', 'click'), ('books', 'buy'),"
                        + " ('books', 'click'), ('games', 'click')");
        run("INSERT INTO people VALUES (1, 'kim', 30), (2, 'lee', CAST(NULL AS INT))");

        try (Jedis redis = REDIS.newClient()) {
            assertThat(redis.hgetAll("settings:1"))
                    .isEqualTo(Map.of("theme", "light", "lang", "ko"));
            assertThat(redis.hgetAll("behaviour:books"))
                    .isEqualTo(Map.of("click", "2", "buy", "1"));
            assertThat(redis.hgetAll("behaviour:games")).isEqualTo(Map.of("click", "1"));
            assertThat(redis.hgetAll("person:1")).isEqualTo(Map.of("name", "kim", "age", "30"));
            assertThat(redis.hgetAll("person:2")).isEqualTo(Map.of("name", "lee"));
        }
    }

    @Test
    void boundedJobLeavesNoTailBehind() throws Exception {
        int rows = 25_003; // not a multiple of the batch size: the last batch is partial
        env.executeSql(
                "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1',"
                        + " 'fields.n.end' = '"
                        + rows
                        + "', 'rows-per-second' = '1000000000')");
        sinkTable(
                "squares",
                "n BIGINT, sq BIGINT, PRIMARY KEY (n) NOT ENFORCED",
                "'sink.buffer-flush.interval' = '1 h'",
                "'sink.parallelism' = '2'");
        run("INSERT INTO squares SELECT n, n * n FROM numbers");

        try (Jedis redis = REDIS.newClient()) {
            assertThat(redis.dbSize()).isEqualTo(rows);
            Map<String, String> sample = new HashMap<>();
            for (long n : List.of(1L, 999L, 1000L, 1001L, (long) rows)) {
                sample.put(String.valueOf(n), redis.get(String.valueOf(n)));
            }
            assertThat(sample)
                    .containsEntry("1", "1")
                    .containsEntry("1000", "1000000")
                    .containsEntry(String.valueOf(rows), String.valueOf((long) rows * rows));
            assertThat(Set.copyOf(sample.values())).doesNotContainNull();
        }
    }
}
