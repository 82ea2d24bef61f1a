package io.github.flinkpack.redis.config;

import java.io.Serializable;
import java.time.Duration;

/** Batching, delivery and retry settings of the sink writer. */
public final class RedisWriteOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int maxBufferedRows;
    private final Duration flushInterval;
    private final SinkDeliveryGuarantee deliveryGuarantee;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final TtlMode ttlMode;
    private final Duration markerRetention;

    public RedisWriteOptions(
            int maxBufferedRows,
            Duration flushInterval,
            SinkDeliveryGuarantee deliveryGuarantee,
            int maxRetries,
            Duration retryBackoff,
            TtlMode ttlMode,
            Duration markerRetention) {
        this.maxBufferedRows = maxBufferedRows;
        this.flushInterval = flushInterval;
        this.deliveryGuarantee = deliveryGuarantee;
        this.maxRetries = maxRetries;
        this.retryBackoff = retryBackoff;
        this.ttlMode = ttlMode;
        this.markerRetention = markerRetention;
    }

    public int maxBufferedRows() {
        return maxBufferedRows;
    }

    public Duration flushInterval() {
        return flushInterval;
    }

    public SinkDeliveryGuarantee deliveryGuarantee() {
        return deliveryGuarantee;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration retryBackoff() {
        return retryBackoff;
    }

    public TtlMode ttlMode() {
        return ttlMode;
    }

    /** How long an exactly-once commit marker is kept. */
    public Duration markerRetention() {
        return markerRetention;
    }

    @Override
    public String toString() {
        return "RedisWriteOptions{maxBufferedRows="
                + maxBufferedRows
                + ", flushInterval="
                + flushInterval
                + ", deliveryGuarantee="
                + deliveryGuarantee
                + ", maxRetries="
                + maxRetries
                + ", retryBackoff="
                + retryBackoff
                + ", ttlMode="
                + ttlMode
                + (deliveryGuarantee == SinkDeliveryGuarantee.EXACTLY_ONCE
                        ? ", markerRetention=" + markerRetention
                        : "")
                + "}";
    }
}
