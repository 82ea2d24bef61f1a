package io.github.flinkpack.redis.source;

/** A split while it is read: updated as each row is emitted. */
final class RedisScanSplitState {

    private final String node;
    private String cursor;
    private int emittedOfPage;

    RedisScanSplitState(RedisScanSplit split) {
        this.node = split.node();
        this.cursor = split.cursor();
        this.emittedOfPage = split.emittedOfPage();
    }

    void emitted(ScannedRow row) {
        if (row.nextCursor() != null) {
            cursor = row.nextCursor();
            emittedOfPage = 0;
        } else {
            cursor = row.pageCursor();
            emittedOfPage = row.indexInPage() + 1;
        }
    }

    RedisScanSplit toSplit() {
        return new RedisScanSplit(node, cursor, emittedOfPage);
    }
}
