package io.github.flinkpack.redis.serialization;

import java.io.Serializable;

/** When a key expires: a relative TTL or an absolute epoch time, both in milliseconds. */
public final class Expiry implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long millis;
    private final boolean absolute;

    private Expiry(long millis, boolean absolute) {
        this.millis = millis;
        this.absolute = absolute;
    }

    public static Expiry after(long ttlMillis) {
        return new Expiry(ttlMillis, false);
    }

    public static Expiry at(long epochMillis) {
        return new Expiry(epochMillis, true);
    }

    public long millis() {
        return millis;
    }

    public boolean isAbsolute() {
        return absolute;
    }

    @Override
    public String toString() {
        return absolute ? "at " + millis : millis + " ms";
    }
}
