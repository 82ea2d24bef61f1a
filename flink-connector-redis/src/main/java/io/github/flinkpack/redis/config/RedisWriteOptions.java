package io.github.flinkpack.redis.config;

import java.io.Serializable;
import java.time.Duration;

/** Batching, delivery and retry settings of the sink writer. */
public final class RedisWriteOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The most batches in flight: a writer's connection pools hold 8 connections per node. */
    public static final int MAX_IN_FLIGHT_BATCHES = 8;

    private final int maxBufferedRows;
    private final int maxInFlightBatches;
    private final Duration flushInterval;
    private final SinkDeliveryGuarantee deliveryGuarantee;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final TtlMode ttlMode;
    private final Duration markerRetention;

    public RedisWriteOptions(
            int maxBufferedRows,
            int maxInFlightBatches,
            Duration flushInterval,
            SinkDeliveryGuarantee deliveryGuarantee,
            int maxRetries,
            Duration retryBackoff,
            TtlMode ttlMode,
            Duration markerRetention) {
        this.maxBufferedRows = maxBufferedRows;
        this.maxInFlightBatches = maxInFlightBatches;
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

    /** Lanes of the at-least-once writer: batches that may be in flight at once. */
    public int maxInFlightBatches() {
        return maxInFlightBatches;
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
                + ", maxInFlightBatches="
                + maxInFlightBatches
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
