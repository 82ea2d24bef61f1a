package io.github.flinkpack.arrays.data;

import java.util.Arrays;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.binary.BinaryArrayData;
import org.apache.flink.table.data.writer.BinaryArrayWriter;

/**
 * Collects the result of an array function as references to elements of its inputs and writes them
 * once, at the end, into a {@link BinaryArrayData}.
 */
public final class ArrayBuilder {

    private final ElementOps ops;
    private final BinaryArrayWriter.NullSetter nullSetter;
    private final int elementSize;
    private ArrayData[] sources = new ArrayData[16];
    private int[] positions = new int[16];
    private int size;

    public ArrayBuilder(ElementOps ops) {
        this.ops = ops;
        this.nullSetter = BinaryArrayWriter.createNullSetter(ops.type());
        this.elementSize = BinaryArrayData.calculateFixLengthPartSize(ops.type());
    }

    /** Starts a new result; the builder is reused across calls. */
    public ArrayBuilder reset() {
        size = 0;
        return this;
    }

    /** Appends element {@code i} of {@code source} (NULL included). */
    public void add(ArrayData source, int i) {
        if (size == sources.length) {
            sources = Arrays.copyOf(sources, size * 2);
            positions = Arrays.copyOf(positions, size * 2);
        }
        sources[size] = source;
        positions[size] = i;
        size++;
    }

    public int size() {
        return size;
    }

    public ArrayData build() {
        BinaryArrayData result = new BinaryArrayData();
        BinaryArrayWriter writer = new BinaryArrayWriter(result, size, elementSize);
        for (int k = 0; k < size; k++) {
            ArrayData source = sources[k];
            if (source.isNullAt(positions[k])) {
                nullSetter.setNull(writer, k);
            } else {
                ops.copy(source, positions[k], writer, k);
            }
            sources[k] = null;
        }
        writer.complete();
        return result;
    }
}
