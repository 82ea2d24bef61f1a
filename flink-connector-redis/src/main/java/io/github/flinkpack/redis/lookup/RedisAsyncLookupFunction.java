package io.github.flinkpack.redis.lookup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.functions.AsyncLookupFunction;
import org.apache.flink.table.functions.FunctionContext;

/**
 * {@code lookup.async = true}: lookups are queued and one sender thread reads everything queued as
 * one batch, one pipelined round trip per node. While a round trip is under way the next rows queue
 * up, so batches grow with the load, bounded by the planner's async capacity ({@code
 * table.exec.async-lookup.buffer-capacity}); the async operator keeps the output order when the
 * query needs it.
 */
public final class RedisAsyncLookupFunction extends AsyncLookupFunction {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BATCH_KEYS = 10_000;

    private final RedisLookupRunner runner;

    private transient BlockingQueue<Pending> queue;
    private transient Thread sender;
    private transient volatile boolean running;

    public RedisAsyncLookupFunction(RedisLookupRunner runner) {
        this.runner = runner;
    }

    @Override
    public void open(FunctionContext context) {
        runner.open(context.getMetricGroup());
        queue = new LinkedBlockingQueue<>();
        running = true;
        sender = new Thread(this::send, "redis-lookup-" + runner.tableName());
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public CompletableFuture<Collection<RowData>> asyncLookup(RowData keyRow) {
        CompletableFuture<Collection<RowData>> result = new CompletableFuture<>();
        queue.add(new Pending(keyRow, result));
        return result;
    }

    private void send() {
        List<Pending> batch = new ArrayList<>();
        List<RowData> keyRows = new ArrayList<>();
        while (running) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH_KEYS - 1);
            } catch (InterruptedException e) {
                break;
            }
            for (Pending pending : batch) {
                keyRows.add(pending.keyRow);
            }
            try {
                List<Collection<RowData>> rows = runner.lookup(keyRows);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).result.complete(rows.get(i));
                }
            } catch (Throwable t) {
                for (Pending pending : batch) {
                    pending.result.completeExceptionally(t);
                }
            }
            batch.clear();
            keyRows.clear();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (sender != null) {
            sender.interrupt();
            sender.join(10_000);
            sender = null;
        }
        if (queue != null) {
            IllegalStateException closed =
                    new IllegalStateException(
                            "Redis table '" + runner.tableName() + "': lookup closed");
            for (Pending pending : queue) {
                pending.result.completeExceptionally(closed);
            }
        }
        runner.close();
    }

    private static final class Pending {
        final RowData keyRow;
        final CompletableFuture<Collection<RowData>> result;

        Pending(RowData keyRow, CompletableFuture<Collection<RowData>> result) {
            this.keyRow = keyRow;
            this.result = result;
        }
    }
}
