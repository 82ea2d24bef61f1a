package io.github.flinkpack.testing.scenarios;

import static io.github.flinkpack.testing.debezium.DebeziumEvents.mongo;
import static io.github.flinkpack.testing.debezium.DebeziumEvents.mysql;
import static io.github.flinkpack.testing.debezium.DebeziumEvents.withSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * The data of the seed documents behind SCENARIOS.md, as Kafka record values, for the scenario
 * tests and the demo.
 */
public final class SeedData {

    private SeedData() {}

    /** SCENARIOS 001, the seed's df_b: (program, person id), in the seed's order. */
    private static final Object[][] APPEARANCES = {
        {"전지적 참견 시점", 1}, {"무한도전", 1}, {"런닝맨", 1}, {"무한도전", 2},
        {"유 퀴즈 온 더 블럭", 3}, {"라디오스타", 4}, {"놀면 뭐하니", 4}, {"무한도전", 5},
        {"전지적 참견 시점", 6}, {"유 퀴즈 온 더 블럭", 7}, {"1박 2일", 7}, {"무한도전", 7},
        {"유 퀴즈 온 더 블럭", 8}, {"라디오스타", 9}, {"무한도전", 9}, {"전지적 참견 시점", 10},
        {"유 퀴즈 온 더 블럭", 10}, {"놀면 뭐하니", 10}, {"전지적 참견 시점", 11}, {"무한도전", 12},
        {"라디오스타", 13}, {"놀면 뭐하니", 13}, {"1박 2일", 14}, {"전지적 참견 시점", 15},
        {"1박 2일", 15}, {"나 혼자 산다", 16}, {"유 퀴즈 온 더 블럭", 17}, {"놀면 뭐하니", 17},
        {"무한도전", 17}, {"놀면 뭐하니", 18}, {"무한도전", 19}, {"전지적 참견 시점", 19},
        {"1박 2일", 19}, {"놀면 뭐하니", 20}, {"1박 2일", 20}, {"전지적 참견 시점", 21},
        {"놀면 뭐하니", 22}, {"라디오스타", 23}, {"무한도전", 24}, {"놀면 뭐하니", 24},
        {"라디오스타", 25}, {"무한도전", 25}, {"유 퀴즈 온 더 블럭", 26}, {"나 혼자 산다", 26},
        {"전지적 참견 시점", 27}, {"라디오스타", 27}, {"놀면 뭐하니", 27}, {"런닝맨", 28},
        {"나 혼자 산다", 29}, {"놀면 뭐하니", 29}, {"라디오스타", 29}
    };

    /** 001: the 51 appearances as JSON {@code {program_name, person_id}}. */
    public static List<String> appearances() {
        List<String> records = new ArrayList<>();
        for (Object[] row : APPEARANCES) {
            records.add(
                    String.format("{\"program_name\": \"%s\", \"person_id\": %d}", row[0], row[1]));
        }
        return records;
    }

    /** 001: people 0 to 29 as JSON {@code {person_id, name}}, named 인물N. */
    public static List<String> people() {
        List<String> records = new ArrayList<>();
        for (int id = 0; id <= 29; id++) {
            records.add(String.format("{\"person_id\": %d, \"name\": \"인물%d\"}", id, id));
        }
        return records;
    }

    /** 004 case 1: the event name table's CDC stream, with the seed's rename of event 101. */
    public static List<String> eventNames() {
        return List.of(
                mysql(
                        "r",
                        "null",
                        "{\"event_id\": 101, \"name\": \"봄맞이 이벤트\"}",
                        1_710_900_000_000L,
                        "name"),
                mysql(
                        "r",
                        "null",
                        "{\"event_id\": 102, \"name\": \"한여름 이벤트\"}",
                        1_710_900_000_000L,
                        "name"),
                withSchema(
                        mysql(
                                "u",
                                "{\"event_id\": 101, \"name\": \"봄맞이 이벤트\"}",
                                "{\"event_id\": 101, \"name\": \"봄 맞이 이벤트\"}",
                                1_710_910_000_000L,
                                "name")));
    }

    /**
     * 004 case 1: sign-ups of users 1, 2 (event 101) and 3 (event 102), then an update of user 3's
     * row to event 101 and a delete of user 2's: events of ops that the pipeline filters out.
     */
    public static List<String> eventSubmits() {
        String submit = "{\"user_id\": %d, \"event_id\": %d, \"created_at\": \"%s\"}";
        return List.of(
                mysql(
                        "c",
                        "null",
                        String.format(submit, 1, 101, "2024-03-20T10:00:00Z"),
                        1_710_921_600_000L,
                        "submit"),
                mysql(
                        "c",
                        "null",
                        String.format(submit, 2, 101, "2024-03-20T10:00:05Z"),
                        1_710_921_605_000L,
                        "submit"),
                mysql(
                        "c",
                        "null",
                        String.format(submit, 3, 102, "2024-03-20T10:00:10Z"),
                        1_710_921_610_000L,
                        "submit"),
                mysql(
                        "u",
                        String.format(submit, 3, 102, "2024-03-20T10:00:10Z"),
                        String.format(submit, 3, 101, "2024-03-20T10:00:10Z"),
                        1_710_921_700_000L,
                        "submit"),
                mysql(
                        "d",
                        String.format(submit, 2, 101, "2024-03-20T10:00:05Z"),
                        "null",
                        1_710_921_800_000L,
                        "submit"));
    }

    /** 004 case 3: (op, user id, toggle, source time) of the seed's SETTING.OPTION events. */
    public static final Object[][] TOGGLES = {
        {"u", 1, false, 1747120515000L}, {"u", 1, false, 1747120567000L},
        {"c", 1, true, 1747120590000L}, {"u", 1, true, 1747120600000L},
        {"d", 1, true, 1747120610000L}, {"c", 2, false, 1747123415000L},
        {"u", 2, true, 1747123416000L}, {"u", 2, false, 1747123417000L},
        {"c", 3, false, 1747123420000L}
    };

    /** 004 case 3: {@link #TOGGLES} as Debezium MongoDB events, documents as strings. */
    public static List<String> toggleEvents() {
        List<String> events = new ArrayList<>();
        for (Object[] e : TOGGLES) {
            String document =
                    String.format(
                            "{\"_id\": {\"$oid\": \"38vhxu2ffa%s\"}, \"user_id\": {\"$numberLong\":"
                                    + " \"%s\"}, \"toggle\": %s, \"toggle2\": false}",
                            e[1], e[1], e[2]);
            events.add(
                    mongo(
                            (String) e[0],
                            e[0].equals("d") ? null : document,
                            (Long) e[3] + 250,
                            "option"));
        }
        return events;
    }
}
