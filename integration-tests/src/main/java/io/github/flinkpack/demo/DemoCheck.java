package io.github.flinkpack.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/** What the demo pipelines must leave behind, compared with what they did. */
public final class DemoCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoCheck() {}

    /** Empty when Redis and both Kafka topics hold what {@link DemoData} says they must. */
    public static List<String> problems(
            DemoData data,
            Map<String, String> redis,
            List<String> everyChange,
            List<String> finalOnly) {
        List<String> problems = new ArrayList<>();
        Map<String, String> expected = data.expectedRedis();
        Map<String, String> actual = new TreeMap<>();
        redis.forEach(
                (key, value) -> {
                    if (DemoData.redisPrefixes().stream().anyMatch(key::startsWith)) {
                        actual.put(key, value);
                    }
                });
        expected.forEach(
                (key, value) -> {
                    if (!value.equals(actual.get(key))) {
                        problems.add(
                                "Redis "
                                        + key
                                        + ": expected "
                                        + value
                                        + ", found "
                                        + actual.get(key));
                    }
                });
        actual.keySet().stream()
                .filter(key -> !expected.containsKey(key))
                .forEach(
                        key ->
                                problems.add(
                                        "Redis " + key + " should not exist: " + actual.get(key)));

        Map<String, List<String>> programs = DemoData.expectedPrograms();
        if (finalOnly.size() != programs.size()) {
            problems.add(
                    "final topic: " + finalOnly.size() + " records, expected " + programs.size());
        }
        Map<String, List<String>> lists = lists(finalOnly, problems);
        if (!lists.equals(programs)) {
            problems.add("final topic lists " + lists + ", expected " + programs);
        }
        // Without the wrapper: one record per change, intermediate (incomplete) lists among them
        // (and, when the join retracts a row, tombstones: null values).
        long intermediate =
                everyChange.stream()
                        .filter(Objects::nonNull)
                        .map(record -> lists(List.of(record), problems))
                        .flatMap(list -> list.entrySet().stream())
                        .filter(list -> !list.getValue().equals(programs.get(list.getKey())))
                        .count();
        if (everyChange.size() <= programs.size() || intermediate == 0) {
            problems.add(
                    "the topic without 'final' got "
                            + everyChange.size()
                            + " records, "
                            + intermediate
                            + " of them intermediate: the problem it should show is missing");
        }
        return problems;
    }

    /** Program → sorted people of each record (the last record per program wins). */
    static Map<String, List<String>> lists(List<String> records, List<String> problems) {
        Map<String, List<String>> lists = new TreeMap<>();
        for (String record : records) {
            try {
                JsonNode node = JSON.readTree(record);
                List<String> people = new ArrayList<>();
                node.path("people").forEach(p -> people.add(p.isNull() ? null : p.asText()));
                people.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
                lists.put(node.path("program_name").asText(), people);
            } catch (Exception e) {
                problems.add("unreadable record " + record + ": " + e.getMessage());
            }
        }
        return lists;
    }
}
