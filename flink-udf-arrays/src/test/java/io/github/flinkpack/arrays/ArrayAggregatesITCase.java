package io.github.flinkpack.arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
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
        changelog(name, List.of(valueType), rows);
    }

    /** A changelog view (f0, f1, f2, ...) with primary key (f0, f1) and the given value types. */
    private void changelog(String name, List<String> valueTypes, Row... rows) {
        Schema.Builder schema =
                Schema.newBuilder().column("f0", "STRING NOT NULL").column("f1", "STRING NOT NULL");
        for (int i = 0; i < valueTypes.size(); i++) {
            schema.column("f" + (i + 2), valueTypes.get(i));
        }
        env.createTemporaryView(
                name,
                env.fromChangelogStream(
                        streams.fromData(rows),
                        schema.primaryKey("f0", "f1").build(),
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

    @Test
    void byTimeFollowsEventTimeNotArrivalAndRetractions() throws Exception {
        changelog(
                "positions",
                List.of("STRING", "BIGINT"),
                Row.ofKind(RowKind.INSERT, "v1", "a", "p10", 10L),
                Row.ofKind(RowKind.INSERT, "v1", "b", "p30", 30L),
                // late: arrives last but is older than p30
                Row.ofKind(RowKind.INSERT, "v1", "c", "p20", 20L),
                Row.ofKind(RowKind.INSERT, "v1", "d", null, 99L),
                Row.ofKind(RowKind.INSERT, "v1", "e", "p-none", null),
                // two readings at the same time: the later arrival is the latest
                Row.ofKind(RowKind.INSERT, "v2", "f", "first", 5L),
                Row.ofKind(RowKind.INSERT, "v2", "g", "second", 5L),
                Row.ofKind(RowKind.INSERT, "v3", "h", "gone", 1L),
                Row.ofKind(RowKind.INSERT, "v4", "i", "p40", 40L),
                Row.ofKind(RowKind.INSERT, "v4", "j", "p50", 50L),
                // the newest reading of v4 is withdrawn, its oldest corrected
                Row.ofKind(RowKind.DELETE, "v4", "j", "p50", 50L),
                Row.ofKind(RowKind.UPDATE_BEFORE, "v4", "i", "p40", 40L),
                Row.ofKind(RowKind.UPDATE_AFTER, "v4", "i", "p41", 41L),
                Row.ofKind(RowKind.INSERT, "v4", "k", "p35", 35L),
                Row.ofKind(RowKind.DELETE, "v3", "h", "gone", 1L),
                Row.ofKind(RowKind.INSERT, "v3", "l", null, 2L));

        Map<Object, Row> result =
                finalRows(
                        "SELECT f0, LATEST_BY_TIME(f2, TO_TIMESTAMP_LTZ(f3, 0)),"
                                + " EARLIEST_BY_TIME(f2, TO_TIMESTAMP_LTZ(f3, 0)) FROM positions GROUP BY f0");

        assertThat(result.get("v1").getField(1))
                .as("NULL value and NULL time skipped")
                .isEqualTo("p30");
        assertThat(result.get("v1").getField(2)).isEqualTo("p10");
        assertThat(result.get("v2").getField(1)).isEqualTo("second");
        assertThat(result.get("v2").getField(2)).isEqualTo("first");
        assertThat(result.get("v3").getField(1)).as("only a NULL value is left").isNull();
        assertThat(result.get("v4").getField(1)).isEqualTo("p41");
        assertThat(result.get("v4").getField(2)).isEqualTo("p35");
    }

    @Test
    void arrayAggOrderedSortsKeepsNullsAndFollowsRetractions() throws Exception {
        changelog(
                "scores",
                List.of("INT", "BIGINT"),
                Row.ofKind(RowKind.INSERT, "g", "a", 3, 30L),
                Row.ofKind(RowKind.INSERT, "g", "b", 1, 10L),
                Row.ofKind(RowKind.INSERT, "g", "c", null, 20L),
                Row.ofKind(RowKind.INSERT, "g", "d", 9, null),
                Row.ofKind(RowKind.INSERT, "g", "e", 5, 10L),
                Row.ofKind(RowKind.INSERT, "g", "f", 7, 40L),
                Row.ofKind(RowKind.DELETE, "g", "f", 7, 40L),
                Row.ofKind(RowKind.UPDATE_BEFORE, "g", "a", 3, 30L),
                Row.ofKind(RowKind.UPDATE_AFTER, "g", "a", 4, 5L),
                Row.ofKind(RowKind.INSERT, "h", "x", 1, 1L),
                Row.ofKind(RowKind.DELETE, "h", "x", 1, 1L),
                Row.ofKind(RowKind.INSERT, "h", "y", 2, 2L));

        Map<Object, Row> result =
                finalRows(
                        "SELECT f0, ARRAY_AGG_ORDERED(f2, f3), ARRAY_AGG_ORDERED(f2, f3, 2),"
                                + " ARRAY_AGG_ORDERED(f2, f3, 3, 'desc'),"
                                + " ARRAY_AGG_ORDERED(f2, f3, CAST(NULL AS INT), 'DESC')"
                                + " FROM scores GROUP BY f0");

        Row g = result.get("g");
        assertThat((Integer[]) g.getField(1))
                .as("ascending, ties in arrival order, NULL value kept, NULL key last")
                .containsExactly(4, 1, 5, null, 9);
        assertThat((Integer[]) g.getField(2)).containsExactly(4, 1);
        assertThat((Integer[]) g.getField(3)).containsExactly(9, null, 5);
        assertThat((Integer[]) g.getField(4)).containsExactly(9, null, 5, 1, 4);
        assertThat((Integer[]) result.get("h").getField(1)).containsExactly(2);
    }

    /**
     * Random inserts, updates and deletes, with few distinct times (many ties) and NULLs, against a
     * plain model of the documented semantics: each group's (value, time) pairs in arrival order, a
     * retraction removing the latest equal pair.
     */
    @Test
    void orderedAggregatesAgreeWithAReferenceOnRandomChangelogs() throws Exception {
        Random random = new Random(20261204L);
        List<Row> changes = new ArrayList<>();
        Map<String, Object[]> live = new LinkedHashMap<>(); // id -> {group, value, time}
        Map<String, List<Object[]>> arrivals = new HashMap<>(); // group -> live pairs, in arrival
        for (int step = 0; step < 600; step++) {
            int op = random.nextInt(10);
            List<String> ids = new ArrayList<>(live.keySet());
            if (op < 5 || ids.isEmpty()) {
                String id = "r" + step;
                Object[] row = randomRow(random, "g" + random.nextInt(4));
                live.put(id, row);
                arrive(arrivals, row);
                changes.add(Row.ofKind(RowKind.INSERT, row[0], id, row[1], row[2]));
            } else {
                String id = ids.get(random.nextInt(ids.size()));
                Object[] old = live.get(id);
                retract(arrivals, old);
                if (op < 8) {
                    Object[] row = randomRow(random, (String) old[0]);
                    live.put(id, row);
                    arrive(arrivals, row);
                    changes.add(Row.ofKind(RowKind.UPDATE_BEFORE, old[0], id, old[1], old[2]));
                    changes.add(Row.ofKind(RowKind.UPDATE_AFTER, row[0], id, row[1], row[2]));
                } else {
                    live.remove(id);
                    changes.add(Row.ofKind(RowKind.DELETE, old[0], id, old[1], old[2]));
                }
            }
        }
        changelog("random_changes", List.of("INT", "BIGINT"), changes.toArray(new Row[0]));

        Map<Object, Row> result =
                finalRows(
                        "SELECT f0, LATEST_BY_TIME(f2, f3), EARLIEST_BY_TIME(f2, f3),"
                                + " ARRAY_AGG_ORDERED(f2, f3), ARRAY_AGG_ORDERED(f2, f3, 4, 'DESC')"
                                + " FROM random_changes GROUP BY f0");

        arrivals.values().removeIf(List::isEmpty);
        assertThat(result.keySet()).isEqualTo(arrivals.keySet());
        for (Map.Entry<String, List<Object[]>> group : arrivals.entrySet()) {
            // a stable sort keeps equal times in arrival order
            List<Object[]> ascending = new ArrayList<>(group.getValue());
            ascending.sort(
                    Comparator.comparing(
                            (Object[] r) -> (Long) r[2],
                            Comparator.nullsLast(Comparator.<Long>naturalOrder())));
            List<Integer> values = new ArrayList<>();
            ascending.forEach(r -> values.add((Integer) r[1]));
            List<Integer> descending = new ArrayList<>(values);
            Collections.reverse(descending);
            List<Integer> timed = new ArrayList<>();
            ascending.stream()
                    .filter(r -> r[1] != null && r[2] != null)
                    .forEach(r -> timed.add((Integer) r[1]));

            Row actual = result.get(group.getKey());
            String where = "group " + group.getKey();
            assertThat(actual.getField(1))
                    .as(where)
                    .isEqualTo(timed.isEmpty() ? null : timed.get(timed.size() - 1));
            assertThat(actual.getField(2))
                    .as(where)
                    .isEqualTo(timed.isEmpty() ? null : timed.get(0));
            assertThat(Arrays.asList((Integer[]) actual.getField(3))).as(where).isEqualTo(values);
            assertThat(Arrays.asList((Integer[]) actual.getField(4)))
                    .as(where)
                    .isEqualTo(descending.subList(0, Math.min(4, descending.size())));
        }
    }

    /** {group, value (NULL one time in ten), time (few distinct, NULL one time in twenty)}. */
    private static Object[] randomRow(Random random, String group) {
        Integer value = random.nextInt(10) == 0 ? null : random.nextInt(50);
        Long time = random.nextInt(20) == 0 ? null : (long) random.nextInt(30);
        return new Object[] {group, value, time};
    }

    private static void arrive(Map<String, List<Object[]>> arrivals, Object[] row) {
        arrivals.computeIfAbsent((String) row[0], g -> new ArrayList<>()).add(row);
    }

    private static void retract(Map<String, List<Object[]>> arrivals, Object[] row) {
        List<Object[]> pairs = arrivals.get((String) row[0]);
        for (int i = pairs.size() - 1; i >= 0; i--) {
            if (Objects.equals(pairs.get(i)[1], row[1])
                    && Objects.equals(pairs.get(i)[2], row[2])) {
                pairs.remove(i);
                return;
            }
        }
        throw new AssertionError("retracting a pair the model does not hold");
    }

    @Test
    void orderKeysWithoutAnOrderAndUnknownDirectionsFailAtPlanning() {
        changelog("bad_keys", List.of("INT", "ARRAY<INT>"), Row.of("g", "a", 1, new Integer[] {1}));
        assertThatThrownBy(
                        () ->
                                env.executeSql(
                                        "SELECT f0, LATEST_BY_TIME(f2, f3) FROM bad_keys GROUP BY f0"))
                .hasStackTraceContaining(
                        "LATEST_BY_TIME orders by its time argument, which must be a number,"
                                + " string, boolean, date, time or timestamp, but got ARRAY<INT>");
        assertThatThrownBy(
                        () ->
                                env.executeSql(
                                        "SELECT f0, ARRAY_AGG_ORDERED(f2, f2, 3, 'DOWN')"
                                                + " FROM bad_keys GROUP BY f0"))
                .hasStackTraceContaining(
                        "the direction must be 'ASC' or 'DESC', but got 'DOWN'. Write e.g."
                                + " ARRAY_AGG_ORDERED(value, order_key, 10, 'DESC').");
    }
}
