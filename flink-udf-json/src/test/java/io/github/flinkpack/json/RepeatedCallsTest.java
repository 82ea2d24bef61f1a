package io.github.flinkpack.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.json.functions.JsonLong;
import io.github.flinkpack.json.functions.JsonStr;
import java.nio.charset.StandardCharsets;
import org.apache.flink.table.data.StringData;
import org.junit.jupiter.api.Test;

/**
 * Call sites that read the same document the same way share one parse (see RecentResults); the
 * sharing must never return a result for other input.
 */
class RepeatedCallsTest {

    @Test
    void aBufferRefilledInPlaceIsReadAgain() {
        byte[] buffer = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
        StringData row = StringData.fromBytes(buffer);
        JsonLong first = new JsonLong();
        JsonLong second = new JsonLong();
        StringData path = StringData.fromString("$.a");
        assertThat(first.eval(row, path)).isEqualTo(1L);

        // Flink may hand the next record in the same memory.
        byte[] next = "{\"a\": 7}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(next, 0, buffer, 0, next.length);
        assertThat(second.eval(StringData.fromBytes(buffer), path)).isEqualTo(7L);
        assertThat(first.eval(row, path)).isEqualTo(7L);
    }

    @Test
    void differentFunctionsAndPathsOnOneDocumentStaySeparate() {
        StringData doc = StringData.fromString("{\"a\": \"12\", \"b\": 3}");
        assertThat(new JsonStr().eval(doc, StringData.fromString("$.a")).toString())
                .isEqualTo("12");
        assertThat(new JsonLong().eval(doc, StringData.fromString("$.a"))).isEqualTo(12L);
        assertThat(new JsonLong().eval(doc, StringData.fromString("$.b"))).isEqualTo(3L);
        assertThat(new JsonLong().eval(doc, StringData.fromString("$.c"), 5L)).isEqualTo(5L);
        assertThat(new JsonLong().eval(doc, StringData.fromString("$.c"))).isNull();
    }
}
