package io.github.flinkpack.benchmarks;

import io.github.flinkpack.testing.kafka.KafkaBroker;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A GROUP BY into Kafka with and without {@code 'connector' = 'final'}, side by side in one run: N
 * rows from a sequence counted per key (10,000 keys) at parallelism 1, into upsert-kafka (every
 * update written), into the wrapper with end-of-input (one row per key), and, both with a
 * checkpoint every second, into upsert-kafka and into the wrapper with checkpoint + end-of-input (a
 * net change per key per checkpoint). Reports throughput and the records each variant wrote. An
 * in-process Kafka broker is started for the run.
 *
 * <p>Arguments: rows (default 1,000,000), rounds (default 2; the best throughput is reported).
 */
public final class FinalSinkBenchmark {

    private static final int KEYS = 10_000;

    private static final Map<String, String> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("upsert-kafka (no wrapper)", "upsert");
        VARIANTS.put("final, end-of-input", "end-of-input");
        VARIANTS.put("upsert-kafka, checkpoints every 1 s", "upsert,checkpoint");
        VARIANTS.put("final, checkpoint + end-of-input", "checkpoint,end-of-input");
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        KafkaBroker kafka = new KafkaBroker();
        kafka.start();
        try {
            Map<String, Double> best = new LinkedHashMap<>();
            Map<String, Integer> written = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (Map.Entry<String, String> variant : VARIANTS.entrySet()) {
                    String topic = "bench-" + round + "-" + written.size() + "-" + best.size();
                    topic = topic + "-" + Math.abs(variant.getKey().hashCode());
                    kafka.createTopic(topic, 1);
                    BenchmarkJobs.record(
                            best, variant.getKey(), job(kafka, topic, rows, variant.getValue()));
                    written.put(variant.getKey(), records(kafka, topic));
                }
            }
            double plain = best.get("upsert-kafka (no wrapper)");
            StringBuilder report = new StringBuilder();
            report.append(
                    String.format(
                            Locale.ROOT,
                            "Rows per job: %,d counted per key over %,d keys; best of %d rounds;"
                                    + " parallelism 1; checkpoints every second where used.%n%n",
                            rows,
                            KEYS,
                            rounds));
            report.append(
                    "| sink | rows/s | time overhead vs upsert-kafka (same checkpointing) | records"
                            + " written | records vs upsert-kafka |\n");
            report.append("|---|---:|---:|---:|---:|\n");
            int plainRecords = written.get("upsert-kafka (no wrapper)");
            for (String variant : VARIANTS.keySet()) {
                double rate = best.get(variant);
                // Like for like: with checkpoints, the baseline is upsert-kafka with checkpoints.
                double baseline =
                        variant.contains("checkpoint")
                                ? best.get("upsert-kafka, checkpoints every 1 s")
                                : plain;
                report.append(
                        String.format(
                                Locale.ROOT,
                                "| %s | %,.0f | %+.0f%% | %,d | %.4f |%n",
                                variant,
                                rate,
                                (baseline / rate - 1) * 100,
                                written.get(variant),
                                written.get(variant) / (double) plainRecords));
            }
            BenchmarkJobs.publish(report.toString(), "final-sink-benchmark.md");
        } finally {
            kafka.close();
        }
    }

    static double job(KafkaBroker kafka, String topic, long rows, String triggers)
            throws Exception {
        TableEnvironment env = BenchmarkJobs.withNumbers(rows);
        String kafkaOptions =
                "'topic' = '"
                        + topic
                        + "', 'properties.bootstrap.servers' = '"
                        + kafka.bootstrapServers()
                        + "'";
        if (triggers.contains("checkpoint")) {
            env.getConfig().set("execution.checkpointing.interval", "1 s");
            // 10,000 keys of state outgrow the JobManager's 5 MB in-memory checkpoints.
            env.getConfig().set("execution.checkpointing.storage", "filesystem");
            env.getConfig()
                    .set(
                            "execution.checkpointing.dir",
                            Paths.get(System.getProperty("java.io.tmpdir"), "flinkpack-bench")
                                    .toUri()
                                    .toString());
        }
        if (triggers.startsWith("upsert")) {
            env.executeSql(
                    "CREATE TEMPORARY TABLE sink (k INT, c BIGINT, PRIMARY KEY (k) NOT ENFORCED)"
                            + " WITH ('connector' = 'upsert-kafka', "
                            + kafkaOptions
                            + ", 'key.format' = 'json', 'value.format' = 'json')");
        } else {
            env.executeSql(
                    "CREATE TEMPORARY TABLE sink (k INT, c BIGINT, PRIMARY KEY (k) NOT ENFORCED)"
                            + " WITH ('connector' = 'final', 'final.emit' = '"
                            + triggers
                            + "', 'inner.connector' = 'kafka', "
                            + kafkaOptions
                                    .replace("'topic'", "'inner.topic'")
                                    .replace("'properties.", "'inner.properties.")
                            + ", 'inner.format' = 'json')");
        }
        TableResult result =
                env.executeSql(
                        "INSERT INTO sink SELECT CAST(MOD(n, "
                                + KEYS
                                + ") AS INT), COUNT(*) FROM numbers GROUP BY CAST(MOD(n, "
                                + KEYS
                                + ") AS INT)");
        return BenchmarkJobs.rowsPerSecond(result, rows);
    }

    /** Records in the topic: its end offset (the sinks here write no transactions). */
    private static int records(KafkaBroker kafka, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return Math.toIntExact(consumer.endOffsets(List.of(partition)).get(partition));
        }
    }

    private FinalSinkBenchmark() {}

    static List<String> variants() {
        return List.copyOf(VARIANTS.keySet());
    }
}
