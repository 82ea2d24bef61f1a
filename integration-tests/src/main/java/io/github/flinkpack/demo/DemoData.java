package io.github.flinkpack.demo;

import io.github.flinkpack.testing.kafka.KafkaBroker;
import io.github.flinkpack.testing.scenarios.SeedData;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's input, generated from a seed, in the shapes of the seed documents; and what the
 * pipelines must leave in Redis and Kafka, computed here in plain Java from the same input.
 */
public final class DemoData {

    /** The seed document's first login event time. */
    private static final long FIRST_LOGIN = 1_739_656_100_463L;

    private static final DateTimeFormatter WINDOW_KEY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Pattern PERSON = Pattern.compile("\"person_id\": (\\d+)");
    private static final Pattern PROGRAM = Pattern.compile("\"program_name\": \"([^\"]+)\"");

    private final List<String> logins = new ArrayList<>();
    private final List<String[]> profiles = new ArrayList<>();
    private final Map<String, Integer> loginsPerUser = new TreeMap<>();
    private final Map<Long, Integer> loginsPerWindow = new TreeMap<>();
    private final Map<String, Map<Long, Integer>> userLoginsPerWindow = new TreeMap<>();

    public DemoData(long seed) {
        Random random = new Random(seed);
        String[] users = {"10000001", "10000002", "10000003", "10000004", "10000005"};
        for (int i = 0; i < 90; i++) {
            // At most 3 s out of order: within the 5 s watermark delay, so nothing is late.
            long time = FIRST_LOGIN + i * 2_000L + random.nextInt(3_000);
            String user =
                    users[Math.min(users.length - 1, (int) Math.abs(random.nextGaussian() * 1.5))];
            String type = random.nextInt(10) == 0 ? "Logout" : "Login";
            logins.add(login(time, type, user));
            if (type.equals("Login")) {
                countLogin(user, time);
            }
            if (i == 3 || i == 63) {
                // A user who logs in twice, two minutes apart: never flagged.
                logins.add(login(time + 1_000, "Login", "10000006"));
                countLogin("10000006", time + 1_000);
            }
        }
        logins.add("{\"event_time\": 17396561");
        logins.add("login of 10000001");
        logins.add("{\"event_time\": \"yesterday\", \"event_type\": \"Login\", \"data\": {}}");

        String[] cities = {"Seoul", "Seoul", "Seoul", "Busan", "Busan", "Seoul"};
        String[] interests = {"golf", "jazz", "hiking", "baseball", "cooking", "travel"};
        for (int i = 0; i < users.length + 1; i++) {
            Set<String> mine = new LinkedHashSet<>();
            for (int j = 0; j < 3; j++) {
                mine.add(interests[random.nextInt(interests.length)]);
            }
            profiles.add(new String[] {"1000000" + (i + 1), cities[i], String.join(",", mine)});
        }
    }

    private static String login(long time, String type, String user) {
        return String.format(
                "{\"event_time\": %d, \"event_type\": \"%s\", \"data\": {\"user_id\": \"%s\"}}",
                time, type, user);
    }

    private void countLogin(String user, long time) {
        loginsPerUser.merge(user, 1, Integer::sum);
        long last = time - Math.floorMod(time, 10_000L);
        for (long start = last - 50_000; start <= last; start += 10_000) {
            loginsPerWindow.merge(start, 1, Integer::sum);
            userLoginsPerWindow
                    .computeIfAbsent(user, u -> new TreeMap<>())
                    .merge(start, 1, Integer::sum);
        }
    }

    /** Creates the topics and produces every input record. */
    public void produce(KafkaBroker kafka) {
        create(kafka, "login-event-topic", logins);
        List<String> profileRecords = new ArrayList<>();
        for (String[] profile : profiles) {
            profileRecords.add(
                    String.format(
                            "{\"user_id\": \"%s\", \"city\": \"%s\", \"interests\": [%s]}",
                            profile[0], profile[1], quoted(profile[2])));
        }
        profileRecords.add("{\"user_id\": \"broken");
        create(kafka, "user-profile-topic", profileRecords);
        // The appearances first: the left join sees every program before its people.
        create(kafka, "appearances", SeedData.appearances());
        create(kafka, "people", SeedData.people());
        create(kafka, "EVENT_MYSQL.EVENT.NAME", SeedData.eventNames());
        create(kafka, "EVENT_MYSQL.EVENT.SUBMIT", SeedData.eventSubmits());
        create(kafka, "SETTING_MONGO.SETTING.OPTION", SeedData.toggleEvents());
        kafka.createTopic("program-people-every-change", 1);
        kafka.createTopic("program-people-final", 1);
    }

    private static void create(KafkaBroker kafka, String topic, List<String> values) {
        kafka.createTopic(topic, 1);
        kafka.produce(topic, values.toArray(new String[0]));
    }

    private static String quoted(String commaSeparated) {
        StringBuilder json = new StringBuilder();
        for (String item : commaSeparated.split(",")) {
            json.append(json.length() == 0 ? "" : ", ").append('"').append(item).append('"');
        }
        return json.toString();
    }

    public int loginRecords() {
        return logins.size();
    }

    /**
     * Every Redis key the demo pipelines write and its value: login counts per user and per window,
     * the flags, the matches (JSON), the sign-ups and the toggles.
     */
    public Map<String, String> expectedRedis() {
        Map<String, String> expected = new TreeMap<>();
        loginsPerUser.forEach((user, n) -> expected.put("logins:user:" + user, String.valueOf(n)));
        loginsPerWindow.forEach(
                (start, n) ->
                        expected.put(
                                "logins:window:" + WINDOW_KEY.format(Instant.ofEpochMilli(start)),
                                String.valueOf(n)));
        userLoginsPerWindow.forEach(
                (user, windows) -> {
                    if (windows.values().stream().anyMatch(n -> n >= 3)) {
                        expected.put("flag:frequent-login:" + user, "true");
                    }
                });
        for (String[] a : profiles) {
            for (String[] b : profiles) {
                if (a[1].equals(b[1]) && a[0].compareTo(b[0]) < 0) {
                    List<String> common = new ArrayList<>();
                    Set<String> theirs = Set.of(b[2].split(","));
                    for (String interest : a[2].split(",")) {
                        if (theirs.contains(interest) && !common.contains(interest)) {
                            common.add(interest);
                        }
                    }
                    if (!common.isEmpty()) {
                        expected.put(
                                "match:" + a[0] + ":" + b[0],
                                "{\"common\":["
                                        + quoted(String.join(",", common)).replace(", ", ",")
                                        + "],\"n\":"
                                        + common.size()
                                        + "}");
                    }
                }
            }
        }
        // 004 case 1: only ops r and c of the sign-ups count; event 101 was renamed.
        expected.put("signup:1", "봄 맞이 이벤트");
        expected.put("signup:2", "봄 맞이 이벤트");
        expected.put("signup:3", "한여름 이벤트");
        // 004 case 3: real flips among the c/u events, and the latest value.
        Map<Integer, Boolean> latest = new TreeMap<>();
        Map<Integer, Integer> flips = new TreeMap<>();
        for (Object[] toggle : SeedData.TOGGLES) {
            if (toggle[0].equals("d")) {
                continue;
            }
            int user = (Integer) toggle[1];
            Boolean previous = latest.put(user, (Boolean) toggle[2]);
            if (!toggle[2].equals(previous)) {
                flips.merge(user, 1, Integer::sum);
            }
        }
        latest.forEach((user, value) -> expected.put("toggle:latest:" + user, value.toString()));
        flips.forEach((user, n) -> expected.put("toggle:flips:" + user, n.toString()));
        return expected;
    }

    /** 001: program → the sorted names of its people, which the final topic must hold once. */
    public static Map<String, List<String>> expectedPrograms() {
        Map<String, List<String>> programs = new TreeMap<>();
        for (String appearance : SeedData.appearances()) {
            Matcher program = PROGRAM.matcher(appearance);
            Matcher person = PERSON.matcher(appearance);
            if (program.find() && person.find()) {
                programs.computeIfAbsent(program.group(1), p -> new ArrayList<>())
                        .add("인물" + person.group(1));
            }
        }
        programs.values().forEach(people -> people.sort(null));
        return programs;
    }

    /** The key prefixes of {@link #expectedRedis()}. */
    public static Set<String> redisPrefixes() {
        return new TreeSet<>(
                List.of(
                        "logins:user:",
                        "logins:window:",
                        "flag:frequent-login:",
                        "match:",
                        "signup:",
                        "toggle:latest:",
                        "toggle:flips:"));
    }
}
