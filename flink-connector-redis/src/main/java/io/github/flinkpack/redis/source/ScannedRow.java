package io.github.flinkpack.redis.source;

import org.apache.flink.table.data.RowData;

/** A row read by a scan, with where it stands in its {@code SCAN} page. */
final class ScannedRow {

    private final RowData row;
    private final String pageCursor;
    private final int indexInPage;
    private final String nextCursor;

    /**
     * @param nextCursor the cursor after the page, on the page's last row only (else null)
     */
    ScannedRow(RowData row, String pageCursor, int indexInPage, String nextCursor) {
        this.row = row;
        this.pageCursor = pageCursor;
        this.indexInPage = indexInPage;
        this.nextCursor = nextCursor;
    }

    RowData row() {
        return row;
    }

    String pageCursor() {
        return pageCursor;
    }

    int indexInPage() {
        return indexInPage;
    }

    String nextCursor() {
        return nextCursor;
    }
}
