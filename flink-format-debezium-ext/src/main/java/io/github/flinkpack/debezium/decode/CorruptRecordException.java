package io.github.flinkpack.debezium.decode;

/** A record that is not a change event this format can read; the message says why. */
final class CorruptRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    CorruptRecordException(String reason) {
        super(reason);
    }

    CorruptRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
