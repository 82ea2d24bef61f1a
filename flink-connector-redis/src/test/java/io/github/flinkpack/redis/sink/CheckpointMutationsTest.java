package io.github.flinkpack.redis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.flinkpack.redis.client.CommitOps;
import io.github.flinkpack.redis.client.KeyedCommand;
import io.github.flinkpack.redis.client.RespBlock;
import io.github.flinkpack.redis.config.TtlMode;
import io.github.flinkpack.redis.serialization.Expiry;
import io.github.flinkpack.redis.serialization.MutationCollector;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.commands.ProtocolCommand;

/**
 * The exactly-once writer's compact reduction leaves Redis exactly as the at-least-once writer's
 * {@link MutationBuffer} does: random writes of every table shape, reduced by both, applied to
 * database 0 and 1 of a real redis-server from the same starting state, then compared key by key.
 */
class CheckpointMutationsTest {

    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    private static final int KEYS = 6;

    @BeforeEach
    void flush() {
        REDIS.flush();
    }

    /** One table shape: what a row of it may do to the collector. */
    private interface Shape extends BiConsumer<Random, MutationCollector> {}

    private static final Map<String, Shape> SHAPES = new TreeMap<>();

    static {
        SHAPES.put(
                "SET",
                (r, c) -> {
                    int op = r.nextInt(6);
                    if (op == 0) {
                        c.delete(key(r));
                    } else if (op == 1) {
                        c.expire(key(r), expiry(r));
                    } else {
                        c.set(key(r), b("v" + r.nextInt(100)), expiry(r));
                    }
                });
        SHAPES.put(
                "HSET whole hash",
                (r, c) -> {
                    if (r.nextInt(5) == 0) {
                        c.delete(key(r));
                        return;
                    }
                    List<byte[]> fieldsAndValues = new ArrayList<>();
                    List<byte[]> nullFields = new ArrayList<>();
                    for (int f = 0; f < 3; f++) {
                        if (r.nextInt(3) == 0) {
                            nullFields.add(b("f" + f));
                        } else {
                            fieldsAndValues.add(b("f" + f));
                            fieldsAndValues.add(b("v" + r.nextInt(100)));
                        }
                    }
                    if (fieldsAndValues.isEmpty()) {
                        fieldsAndValues.add(b("f9"));
                        fieldsAndValues.add(b("x"));
                    }
                    c.hashSet(key(r), fieldsAndValues, nullFields, expiry(r));
                });
        SHAPES.put(
                "HSET per field",
                (r, c) -> {
                    if (r.nextInt(4) == 0) {
                        c.hashDelete(key(r), field(r));
                    } else {
                        c.hashSetField(key(r), field(r), b("v" + r.nextInt(100)), expiry(r));
                    }
                });
        SHAPES.put(
                "INCR",
                (r, c) -> {
                    if (r.nextInt(5) == 0) {
                        c.delete(key(r));
                    } else {
                        c.increment(key(r), null, r.nextInt(21) - 10, expiry(r));
                    }
                });
        SHAPES.put(
                "HINCR",
                (r, c) -> {
                    if (r.nextInt(5) == 0) {
                        c.hashDelete(key(r), field(r));
                    } else {
                        c.increment(key(r), field(r), r.nextInt(21) - 10, expiry(r));
                    }
                });
        SHAPES.put(
                "SADD",
                (r, c) -> {
                    byte[] key = key(r);
                    byte[] member = field(r);
                    if (r.nextInt(3) == 0) {
                        c.memberRemove(member, new KeyedCommand(key, Command.SREM, key, member));
                    } else {
                        c.memberWrite(
                                member,
                                new KeyedCommand(key, Command.SADD, key, member),
                                expiry(r));
                    }
                });
        SHAPES.put(
                "ZADD",
                (r, c) -> {
                    byte[] key = key(r);
                    byte[] member = field(r);
                    if (r.nextInt(3) == 0) {
                        c.memberRemove(member, new KeyedCommand(key, Command.ZREM, key, member));
                    } else {
                        byte[] score = b(Integer.toString(r.nextInt(100)));
                        c.memberWrite(
                                member,
                                new KeyedCommand(key, Command.ZADD, key, score, member),
                                expiry(r));
                    }
                });
        SHAPES.put(
                "ZINCRBY",
                (r, c) -> {
                    if (r.nextBoolean()) {
                        c.increment(key(r), field(r), r.nextInt(21) - 10, expiry(r));
                    } else {
                        c.incrementFloat(
                                key(r),
                                field(r),
                                BigDecimal.valueOf(r.nextInt(2001) - 1000, 2),
                                null);
                    }
                });
        SHAPES.put(
                "LPUSH",
                (r, c) -> {
                    byte[] key = key(r);
                    c.append(
                            List.of(
                                    new KeyedCommand(
                                            key, Command.LPUSH, key, b("v" + r.nextInt(100))),
                                    new KeyedCommand(key, Command.LTRIM, key, b("0"), b("2"))),
                            expiry(r));
                });
        SHAPES.put(
                "PFADD",
                (r, c) -> {
                    byte[] key = key(r);
                    byte[] element = b("e" + r.nextInt(20));
                    c.memberWrite(
                            element, new KeyedCommand(key, Command.PFADD, key, element), expiry(r));
                });
        SHAPES.put(
                "INCR decimal",
                (r, c) -> {
                    if (r.nextInt(5) == 0) {
                        c.delete(key(r));
                    } else {
                        c.incrementFloat(
                                key(r), null, BigDecimal.valueOf(r.nextInt(2001) - 1000, 2), null);
                    }
                });
    }

    @Test
    void leavesRedisAsTheAtLeastOnceReductionDoesForEveryTableShape() {
        Random random = new Random(20261204L);
        try (Jedis redis = REDIS.newClient()) {
            for (Map.Entry<String, Shape> shape : SHAPES.entrySet()) {
                for (TtlMode ttlMode : TtlMode.values()) {
                    for (int round = 0; round < 40; round++) {
                        String what = shape.getKey() + ", " + ttlMode + ", round " + round;
                        boolean counters = shape.getKey().contains("INCR");
                        boolean scores = shape.getKey().equals("ZINCRBY");
                        MutationBuffer atLeastOnce = new MutationBuffer(ttlMode, counters, scores);
                        CheckpointMutations exactlyOnce = new CheckpointMutations(ttlMode, scores);
                        int rows = 1 + random.nextInt(30);
                        long seed = random.nextLong();
                        Random first = new Random(seed);
                        Random second = new Random(seed);
                        for (int i = 0; i < rows; i++) {
                            shape.getValue().accept(first, atLeastOnce);
                            shape.getValue().accept(second, exactlyOnce);
                        }
                        if (!shape.getKey().equals("LPUSH")) { // appends are never merged
                            assertThat(exactlyOnce.size()).as(what).isEqualTo(atLeastOnce.size());
                        }

                        redis.flushAll();
                        seed(redis, shape.getKey(), random.nextLong());
                        copyDatabase(redis, 0, 1);
                        apply(redis, 0, RespBlock.of(CommitOps.of(atLeastOnce.drain(1))));
                        apply(redis, 1, exactlyOnce.drain().toResp());
                        assertThat(exactlyOnce.isEmpty()).isTrue();
                        Map<String, String> expected = dump(redis, 0);
                        Map<String, Long> expectedTtls = ttls(redis, 0);
                        assertThat(dump(redis, 1)).as(what).isEqualTo(expected);
                        ttls(redis, 1)
                                .forEach(
                                        (key, ttl) ->
                                                assertThat(ttl)
                                                        .as(what + ", TTL of " + key)
                                                        .isCloseTo(
                                                                expectedTtls.get(key),
                                                                within(2000L)));
                    }
                }
            }
        }
    }

    @Test
    void overwritingFewKeysManyTimesKeepsTheLogSmallAndTheLastWrites() {
        CheckpointMutations compact = new CheckpointMutations(TtlMode.ALWAYS);
        byte[] value = new byte[100];
        for (int i = 0; i < 200_000; i++) {
            Arrays.fill(value, (byte) ('a' + i % 26));
            compact.set(b("k" + i % 10), value, null);
            compact.increment(b("n" + i % 7), null, 1, null);
        }
        assertThat(compact.size()).isEqualTo(17);
        assertThat(compact.logBytes()).as("dead entries are compacted away").isLessThan(3 << 20);

        RespBlock drained = compact.drain().toResp();
        assertThat(drained.commands())
                .as("the ten keys' SETs, written last, go as one MSET after the counters")
                .isEqualTo(8);
        assertThat(new String(drained.decode().get(7)[0], StandardCharsets.US_ASCII))
                .isEqualTo("MSET");
        List<byte[][]> ops = drained.decodePerKey();
        assertThat(ops).hasSize(17);
        for (byte[][] op : ops) {
            String command = new String(op[0], StandardCharsets.US_ASCII);
            String key = new String(op[1], StandardCharsets.US_ASCII);
            if (command.equals("SET")) {
                int last = 199_990 + Integer.parseInt(key.substring(1));
                assertThat((char) op[2][0]).as(key).isEqualTo((char) ('a' + last % 26));
            } else {
                assertThat(command).isEqualTo("INCRBY");
                int k = Integer.parseInt(key.substring(1));
                long expected = 200_000 / 7 + (k < 200_000 % 7 ? 1 : 0);
                assertThat(new String(op[2], StandardCharsets.US_ASCII))
                        .as(key)
                        .isEqualTo(Long.toString(expected));
            }
        }
    }

    @Test
    void plainCountersAndSetsArePackedSmallerThanTheirResp() {
        CheckpointMutations counters = new CheckpointMutations(TtlMode.ALWAYS);
        CheckpointMutations hashCounters = new CheckpointMutations(TtlMode.ALWAYS);
        CheckpointMutations values = new CheckpointMutations(TtlMode.ALWAYS);
        int keys = 10_000;
        for (int i = 0; i < keys; i++) {
            byte[] key = b(Long.toString(100_000_000_000_000L + i)); // 15 bytes
            counters.increment(key, null, 1 + i % 1000, null);
            hashCounters.increment(key, b("clicks"), 1 + i % 1000, null);
            values.set(key, b(Long.toString(i)), null);
        }
        // Counters lose their command names and length framing; values in an MSET only the framing.
        int[] percentOfResp = {45, 45, 70};
        List<CheckpointMutations> kinds = Arrays.asList(counters, hashCounters, values);
        for (int kind = 0; kind < kinds.size(); kind++) {
            PackedWrites packed = kinds.get(kind).drain();
            RespBlock resp = packed.toResp();
            assertThat(resp.decodePerKey()).hasSize(keys);
            assertThat(packed.length() * 100L)
                    .as(
                            "packed bytes (%s) against %s bytes of RESP",
                            packed.length(), resp.length())
                    .isLessThan(resp.length() * (long) percentOfResp[kind]);
        }
        counters.increment(b(Long.toString(100_000_000_000_000L)), null, 999, null);
        assertThat(counters.drain().length())
                .as("a counter of a 15-byte key: tag, count, key length, key, 2-byte delta")
                .isEqualTo(5 + 1 + 15 + 2);
    }

    @Test
    void runsOfPlainSetsGoAsMsetsOfBoundedSizeInTheOrderOfTheLastWrites() {
        CheckpointMutations compact = new CheckpointMutations(TtlMode.ALWAYS);
        for (int i = 0; i < 1_300; i++) {
            compact.set(b("k" + i), b("v" + i), null);
        }
        compact.set(b("k5"), b("again"), null); // moves behind the others
        compact.set(b("ttl"), b("x"), Expiry.after(1000));
        compact.set(b("last"), b("y"), null);

        List<byte[][]> ops = compact.drain().toResp().decode();
        assertThat(ops)
                .extracting(op -> new String(op[0], StandardCharsets.US_ASCII))
                .containsExactly("MSET", "MSET", "MSET", "SET", "SET");
        assertThat(ops).extracting(op -> op.length).containsExactly(1025, 1025, 1 + 2 * 276, 5, 3);
        byte[][] third = ops.get(2);
        assertThat(new String(third[third.length - 2], StandardCharsets.US_ASCII)).isEqualTo("k5");
        assertThat(new String(third[third.length - 1], StandardCharsets.US_ASCII))
                .isEqualTo("again");
    }

    @Test
    void aKeyRewrittenAfterADeleteOfAnotherShapeKeepsTheOrderOfTheLastWrites() {
        CheckpointMutations compact = new CheckpointMutations(TtlMode.ALWAYS);
        compact.delete(b("h"));
        compact.hashSetField(b("h"), b("f"), b("1"), null);
        compact.delete(b("h"));
        List<byte[][]> ops = compact.drain().toResp().decode();
        assertThat(ops).hasSize(2);
        assertThat(new String(ops.get(1)[0], StandardCharsets.US_ASCII))
                .as("the delete, written last, is applied last")
                .isEqualTo("DEL");
    }

    /** A starting state: some keys exist, some with a TTL, of the shape's type. */
    private static void seed(Jedis redis, String shape, long seed) {
        Random random = new Random(seed);
        redis.select(0);
        for (int k = 0; k < KEYS; k++) {
            if (random.nextBoolean()) {
                continue;
            }
            String key = "k" + k;
            if (shape.startsWith("HSET") || shape.equals("HINCR")) {
                redis.hset(key, "f0", shape.equals("HINCR") ? "5" : "old");
            } else if (shape.equals("SADD")) {
                redis.sadd(key, "f0", "old");
            } else if (shape.startsWith("Z")) {
                redis.zadd(key, 5, "f0");
            } else if (shape.equals("LPUSH")) {
                redis.rpush(key, "old1", "old2");
            } else if (shape.equals("PFADD")) {
                redis.pfadd(key, "old");
            } else {
                redis.set(key, shape.startsWith("INCR") ? "5" : "old");
            }
            if (random.nextBoolean()) {
                redis.pexpire(key, 600_000);
            }
        }
    }

    private static void copyDatabase(Jedis redis, int from, int to) {
        redis.select(from);
        for (String key : redis.keys("*")) {
            redis.copy(key, key, to, true);
        }
    }

    private static void apply(Jedis redis, int database, RespBlock ops) {
        redis.select(database);
        for (byte[][] op : ops.decode()) {
            ProtocolCommand command = () -> op[0];
            redis.sendCommand(command, Arrays.copyOfRange(op, 1, op.length));
        }
    }

    /** Each key: its value (a hash sorted by field) and whether it expires. */
    private static Map<String, String> dump(Jedis redis, int database) {
        redis.select(database);
        Map<String, String> dump = new TreeMap<>();
        for (String key : redis.keys("*")) {
            String type = redis.type(key);
            String value;
            if (type.equals("hash")) {
                value = new TreeMap<>(redis.hgetAll(key)).toString();
            } else if (type.equals("set")) {
                value = new java.util.TreeSet<>(redis.smembers(key)).toString();
            } else if (type.equals("zset")) {
                value = redis.zrangeWithScores(key, 0, -1).toString();
            } else if (type.equals("list")) {
                value = redis.lrange(key, 0, -1).toString();
            } else if (redis.get(key).startsWith("HYLL")) {
                value = "HLL of " + redis.pfcount(key);
            } else {
                value = redis.get(key);
            }
            dump.put(key, value + (redis.pttl(key) < 0 ? "" : " (expires)"));
        }
        return dump;
    }

    /**
     * The TTL of each key that has one, in ms: compared within 2 s, as the two databases are
     * written a few ms apart and every TTL written differs from the others by 10 s or more.
     */
    private static Map<String, Long> ttls(Jedis redis, int database) {
        redis.select(database);
        Map<String, Long> ttls = new TreeMap<>();
        for (String key : redis.keys("*")) {
            long ttl = redis.pttl(key);
            if (ttl >= 0) {
                ttls.put(key, ttl);
            }
        }
        return ttls;
    }

    private static byte[] key(Random random) {
        return b("k" + random.nextInt(KEYS));
    }

    private static byte[] field(Random random) {
        return b("f" + random.nextInt(3));
    }

    /** None, a relative TTL, or an absolute time an hour or two ahead. */
    private static Expiry expiry(Random random) {
        switch (random.nextInt(3)) {
            case 0:
                return null;
            case 1:
                return Expiry.after(10_000L * (10 + random.nextInt(5)));
            default:
                return Expiry.at(4_000_000_000_000L + 10_000L * random.nextInt(5));
        }
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
