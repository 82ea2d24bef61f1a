package io.github.flinkpack.testing.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Keeps every metric the MiniCluster registers (also after its task ends, so a test can read a
 * finished job's counters). Enable with {@link #configure(Configuration)}.
 */
public final class CapturingMetricReporter implements MetricReporter {

    private static final List<Registered> METRICS = new CopyOnWriteArrayList<>();

    /** Adds this reporter to a MiniCluster configuration. */
    public static Configuration configure(Configuration configuration) {
        configuration.setString("metrics.reporter.capture.factory.class", Factory.class.getName());
        return configuration;
    }

    public static void clear() {
        METRICS.clear();
    }

    /** Sum of every counter with this name whose scope contains {@code scopePart}. */
    public static long counterSum(String name, String scopePart) {
        return find(name, scopePart).stream()
                .filter(m -> m instanceof Counter)
                .mapToLong(m -> ((Counter) m).getCount())
                .sum();
    }

    /** Current values of every gauge with this name whose scope contains {@code scopePart}. */
    public static List<Object> gaugeValues(String name, String scopePart) {
        return find(name, scopePart).stream()
                .filter(m -> m instanceof Gauge)
                .map(m -> ((Gauge<?>) m).getValue())
                .collect(Collectors.toList());
    }

    /** Scopes of every metric with this name, for messages. */
    public static List<String> scopes(String name) {
        return METRICS.stream()
                .filter(r -> r.name.equals(name))
                .map(
                        r ->
                                r.scope
                                        + (r.metric instanceof Counter
                                                ? "=" + ((Counter) r.metric).getCount()
                                                : ""))
                .collect(Collectors.toList());
    }

    private static List<Metric> find(String name, String scopePart) {
        List<Metric> found = new ArrayList<>();
        for (Registered registered : METRICS) {
            if (registered.name.equals(name) && registered.scope.contains(scopePart)) {
                found.add(registered.metric);
            }
        }
        return found;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        METRICS.add(new Registered(metricName, group.getMetricIdentifier(metricName), metric));
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        // Kept on purpose: tests read the final values of finished tasks.
    }

    private static final class Registered {
        final String name;
        final String scope;
        final Metric metric;

        Registered(String name, String scope, Metric metric) {
            this.name = name;
            this.scope = scope;
            this.metric = metric;
        }
    }

    /** Creates the reporter; named in {@code metrics.reporter.capture.factory.class}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new CapturingMetricReporter();
        }
    }
}
