package io.github.flinkpack.redis.lookup;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.LookupFunction;

/** {@code lookup.async = false}: one read per row, on the task thread. */
public final class RedisLookupFunction extends LookupFunction {

    private static final long serialVersionUID = 1L;

    private final RedisLookupRunner runner;

    public RedisLookupFunction(RedisLookupRunner runner) {
        this.runner = runner;
    }

    @Override
    public void open(FunctionContext context) {
        runner.open(context.getMetricGroup());
    }

    @Override
    public Collection<RowData> lookup(RowData keyRow) throws IOException {
        return runner.lookup(List.of(keyRow)).get(0);
    }

    @Override
    public void close() {
        runner.close();
    }
}
