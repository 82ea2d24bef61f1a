package io.github.flinkpack.arrays;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The aggregates on updating input: retractions change the result as they should. */
class ArrayAggregatesITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private StreamExecutionEnvironment streams;
    private StreamTableEnvironment env;

    @BeforeEach
    void setUp() {
        streams = StreamExecutionEnvironment.getExecutionEnvironment();
        streams.setParallelism(1);
        env = StreamTableEnvironment.create(streams);
        env.executeSql("LOAD MODULE flinkpack_arrays");
        env.executeSql("USE MODULES flinkpack_arrays, core");
    }

    /** A changelog view (user_id, k, v) with primary key (user_id, k). */
    private void changelog(String name, String valueType, Row... rows) {
        env.createTemporaryView(
                name,
                env.fromChangelogStream(
                        streams.fromData(rows),
                        Schema.newBuilder()
                                .column("f0", "STRING NOT NULL")
                                .column("f1", "STRING NOT NULL")
                                .column("f2", valueType)
                                .primaryKey("f0", "f1")
                                .build(),
                        ChangelogMode.all()));
    }

    /** Runs the query and applies its changelog: the final row per first column. */
    private Map<Object, Row> finalRows(String query) throws Exception {
        Map<Object, Row> rows = new HashMap<>();
        try (CloseableIterator<Row> changes = env.executeSql(query).collect()) {
            while (changes.hasNext()) {
                Row change = changes.next();
                if (change.getKind() == RowKind.INSERT
                        || change.getKind() == RowKind.UPDATE_AFTER) {
                    rows.put(change.getField(0), change);
                } else {
                    rows.remove(change.getField(0));
                }
            }
        }
        return rows;
    }

    @Test
    void latestAndEarliestByOffsetFollowUpdatesAndDeletes() throws Exception {
        changelog(
                "toggles",
                "BOOLEAN",
                Row.ofKind(RowKind.INSERT, "u1", "e1", false),
                Row.ofKind(RowKind.INSERT, "u1", "e2", true),
                Row.ofKind(RowKind.INSERT, "u1", "e3", true),
                Row.ofKind(RowKind.INSERT, "u2", "e4", true),
                Row.ofKind(RowKind.INSERT, "u1", "e5", false),
                // e5 is withdrawn: u1's latest is true again
                Row.ofKind(RowKind.DELETE, "u1", "e5", false),
                Row.ofKind(RowKind.INSERT, "u2", "e6", null));

        Map<Object, Row> result =
                finalRows(
                        "SELECT f0, LATEST_BY_OFFSET(f2), LATEST_BY_OFFSET(f2, 2),"
                                + " EARLIEST_BY_OFFSET(f2), EARLIEST_BY_OFFSET(f2, 2)"
                                + " FROM toggles GROUP BY f0");

        Row u1 = result.get("u1");
        assertThat(u1.getField(1)).isEqualTo(true);
        assertThat((Boolean[]) u1.getField(2)).containsExactly(true, true);
        assertThat(u1.getField(3)).isEqualTo(false);
        assertThat((Boolean[]) u1.getField(4)).containsExactly(false, true);
        Row u2 = result.get("u2");
        assertThat(u2.getField(1)).as("NULLs are skipped").isEqualTo(true);
        assertThat((Boolean[]) u2.getField(2)).containsExactly(true);
    }

    @Test
    void realToggleFlipsAreTheLastTwoValuesDiffering() throws Exception {
        changelog(
                "flips",
                "BOOLEAN",
                Row.ofKind(RowKind.INSERT, "u1", "1", false),
                Row.ofKind(RowKind.INSERT, "u1", "2", true),
                Row.ofKind(RowKind.INSERT, "u2", "3", true),
                Row.ofKind(RowKind.INSERT, "u2", "4", true));
        Map<Object, Row> result =
                finalRows(
                        "SELECT f0, ELEMENT_AT(LATEST_BY_OFFSET(f2, 2), 1) <>"
                                + " ELEMENT_AT(LATEST_BY_OFFSET(f2, 2), 2) FROM flips GROUP BY f0");
        assertThat(result.get("u1").getField(1)).isEqualTo(true);
        assertThat(result.get("u2").getField(1)).isEqualTo(false);
    }

    @Test
    void collectSetDropsRetractedValues() throws Exception {
        changelog(
                "interests",
                "STRING",
                Row.ofKind(RowKind.INSERT, "u1", "a", "music"),
                Row.ofKind(RowKind.INSERT, "u1", "b", "books"),
                Row.ofKind(RowKind.INSERT, "u1", "c", "books"),
                Row.ofKind(RowKind.UPDATE_BEFORE, "u1", "b", "books"),
                Row.ofKind(RowKind.UPDATE_AFTER, "u1", "b", "games"),
                Row.ofKind(RowKind.DELETE, "u1", "a", "music"),
                Row.ofKind(RowKind.INSERT, "u2", "d", null));
        Map<Object, Row> result =
                finalRows("SELECT f0, COLLECT_SET(f2) FROM interests GROUP BY f0");
        assertThat((String[]) result.get("u1").getField(1))
                .containsExactlyInAnyOrder("books", "games");
        assertThat((String[]) result.get("u2").getField(1)).isEmpty();
    }

    @Test
    void arrayIntersectAggRecomputesOnRetraction() throws Exception {
        changelog(
                "baskets",
                "ARRAY<INT>",
                Row.ofKind(RowKind.INSERT, "g", "r1", new Integer[] {1, 2, 3, 3}),
                Row.ofKind(RowKind.INSERT, "g", "r2", new Integer[] {2, 3, 4}),
                Row.ofKind(RowKind.INSERT, "g", "r3", new Integer[] {3, 9}),
                Row.ofKind(RowKind.DELETE, "g", "r3", new Integer[] {3, 9}),
                Row.ofKind(RowKind.INSERT, "h", "r4", new Integer[] {7}),
                Row.ofKind(RowKind.UPDATE_BEFORE, "h", "r4", new Integer[] {7}),
                Row.ofKind(RowKind.UPDATE_AFTER, "h", "r4", new Integer[] {8, 7}));
        Map<Object, Row> result =
                finalRows("SELECT f0, ARRAY_INTERSECT_AGG(f2) FROM baskets GROUP BY f0");
        assertThat((Integer[]) result.get("g").getField(1)).containsExactlyInAnyOrder(2, 3);
        assertThat((Integer[]) result.get("h").getField(1)).containsExactlyInAnyOrder(7, 8);
        assertThat(List.copyOf(result.keySet())).containsExactlyInAnyOrder("g", "h");
    }
}
