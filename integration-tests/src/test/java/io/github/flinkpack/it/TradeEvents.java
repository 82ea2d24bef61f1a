package io.github.flinkpack.it;

import static io.github.flinkpack.testing.debezium.DebeziumEvents.mysql;
import static io.github.flinkpack.testing.debezium.DebeziumEvents.withSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * SCENARIOS 002: trades from a Debezium MySQL topic in the schema/payload envelope, counted per
 * symbol and minute with a 10 s grace, as ksqlDB's {@code EMIT FINAL} did.
 */
final class TradeEvents {

    /** 2024-03-20 10:00:00 UTC. */
    private static final long TEN = 1_710_928_800_000L;

    static final String TRADES_TABLE =
            "CREATE TABLE trades (trade_id INT, symbol STRING, qty INT, traded_at BIGINT,"
                    + " ts AS TO_TIMESTAMP_LTZ(traded_at, 3),"
                    + " WATERMARK FOR ts AS ts - INTERVAL '10' SECOND) WITH ("
                    + "'connector' = 'kafka', 'topic' = 'TRADE_MYSQL.TRADE.TRADES',"
                    + " 'properties.bootstrap.servers' = '${kafka}',"
                    + " 'scan.startup.mode' = 'earliest-offset',"
                    + " 'scan.bounded.mode' = 'latest-offset',"
                    + " 'scan.watermark.emit.strategy' = 'on-event',"
                    + " 'format' = 'debezium-json-ext', 'debezium-json-ext.ops' = 'c,r')";

    static final String COUNTS_TABLE =
            "CREATE TABLE trade_counts (symbol STRING, window_start STRING, trades BIGINT) WITH ("
                    + "'connector' = 'kafka', 'topic' = 'trade-counts',"
                    + " 'properties.bootstrap.servers' = '${kafka}', 'format' = 'json')";

    static final String INSERT =
            "INSERT INTO trade_counts SELECT symbol, DATE_FORMAT(window_start, 'HH:mm'),"
                    + " COUNT(*) FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts),"
                    + " INTERVAL '1' MINUTE)) GROUP BY symbol, window_start, window_end";

    private TradeEvents() {}

    private static String trade(int id, String symbol, int qty, int secondsAfterTen) {
        return String.format(
                "{\"trade_id\": %d, \"symbol\": \"%s\", \"qty\": %d, \"traded_at\": %d}",
                id, symbol, qty, TEN + secondsAfterTen * 1000L);
    }

    /** In topic order; the comments give the watermark (event time - 10 s) after each. */
    static List<String> events() {
        List<String> events = new ArrayList<>();
        long ts = TEN;
        events.add(withSchema(mysql("r", "null", trade(1, "SAMSUNG", 10, 5), ts, "trades")));
        events.add(withSchema(mysql("c", "null", trade(2, "KAKAO", 3, 20), ts, "trades")));
        events.add(withSchema(mysql("c", "null", trade(3, "SAMSUNG", 7, 50), ts, "trades")));
        // watermark 10:00:55
        events.add(withSchema(mysql("c", "null", trade(4, "SAMSUNG", 1, 65), ts, "trades")));
        // out of order, within the grace: still counted in 10:00
        events.add(withSchema(mysql("c", "null", trade(5, "KAKAO", 2, 58), ts, "trades")));
        // an update: filtered out by the op filter
        events.add(
                withSchema(
                        mysql(
                                "u",
                                trade(3, "SAMSUNG", 7, 50),
                                trade(3, "SAMSUNG", 8, 50),
                                ts,
                                "trades")));
        // watermark 10:01:30: the 10:00 window is final and emitted
        events.add(withSchema(mysql("c", "null", trade(7, "KAKAO", 5, 100), ts, "trades")));
        // beyond the grace: dropped from the windows (still in the batch totals)
        events.add(withSchema(mysql("c", "null", trade(8, "SAMSUNG", 9, 59), ts, "trades")));
        events.add(withSchema(mysql("c", "null", trade(9, "SAMSUNG", 4, 150), ts, "trades")));
        events.add(withSchema(mysql("d", trade(2, "KAKAO", 3, 20), "null", ts, "trades")));
        return events;
    }

    static List<String> expectedCounts() {
        return List.of(
                count("SAMSUNG", "10:00", 2),
                count("KAKAO", "10:00", 2),
                count("SAMSUNG", "10:01", 1),
                count("KAKAO", "10:01", 1),
                count("SAMSUNG", "10:02", 1));
    }

    private static String count(String symbol, String window, int n) {
        return String.format(
                "{\"symbol\":\"%s\",\"window_start\":\"%s\",\"trades\":%d}", symbol, window, n);
    }

    /** Creates and snapshot reads per symbol, the late trade included. */
    static List<String> expectedTotals() {
        return List.of("KAKAO=3", "SAMSUNG=5");
    }
}
