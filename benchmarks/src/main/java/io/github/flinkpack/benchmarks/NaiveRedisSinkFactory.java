package io.github.flinkpack.benchmarks;

import io.github.flinkpack.redis.sink.CompatibleSink;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;
import redis.clients.jedis.Jedis;

/**
 * The common design the benchmark compares against, {@code 'connector' = 'naive-redis'}: one
 * synchronous Redis call per row (SET key value, or INCRBY key value), no batching. Rows are (key
 * BIGINT, value BIGINT).
 */
public final class NaiveRedisSinkFactory implements DynamicTableSinkFactory {

    static final ConfigOption<String> URL = ConfigOptions.key("url").stringType().noDefaultValue();
    static final ConfigOption<String> COMMAND =
            ConfigOptions.key("command").stringType().defaultValue("SET");

    @Override
    public String factoryIdentifier() {
        return "naive-redis";
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(URL);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(COMMAND);
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validate();
        String url = helper.getOptions().get(URL);
        boolean incr = helper.getOptions().get(COMMAND).equalsIgnoreCase("INCR");
        return new NaiveTableSink(url, incr);
    }

    private static final class NaiveTableSink implements DynamicTableSink {
        private final String url;
        private final boolean incr;

        NaiveTableSink(String url, boolean incr) {
            this.url = url;
            this.incr = incr;
        }

        @Override
        public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
            return ChangelogMode.insertOnly();
        }

        @Override
        public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
            return SinkV2Provider.of(new NaiveSink(url, incr));
        }

        @Override
        public DynamicTableSink copy() {
            return new NaiveTableSink(url, incr);
        }

        @Override
        public String asSummaryString() {
            return "naive-redis";
        }
    }

    private static final class NaiveSink extends CompatibleSink<RowData> {
        private static final long serialVersionUID = 1L;
        private final String url;
        private final boolean incr;

        NaiveSink(String url, boolean incr) {
            this.url = url;
            this.incr = incr;
        }

        @Override
        public SinkWriter<RowData> createWriter(WriterInitContext context) {
            Jedis jedis = new Jedis(URI.create(url));
            return new SinkWriter<>() {
                @Override
                public void write(RowData row, Context ctx) {
                    byte[] key = Long.toString(row.getLong(0)).getBytes(StandardCharsets.UTF_8);
                    if (incr) {
                        jedis.incrBy(key, row.getLong(1));
                    } else {
                        jedis.set(
                                key,
                                Long.toString(row.getLong(1)).getBytes(StandardCharsets.UTF_8));
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {
                    jedis.close();
                }
            };
        }
    }
}
