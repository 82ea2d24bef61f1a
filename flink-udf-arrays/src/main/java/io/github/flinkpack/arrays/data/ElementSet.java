package io.github.flinkpack.arrays.data;

import java.util.Arrays;
import org.apache.flink.table.data.ArrayData;

/**
 * A hash set of array elements that stores where each element is (which array, which position)
 * instead of the element, and compares through {@link ElementOps}: no element is copied or boxed.
 * Open addressing with linear probing. NULL is tracked as a flag. Each entry also carries a count,
 * for the multiset functions.
 */
public final class ElementSet {

    private static final long EMPTY = -1L;

    private final ElementOps ops;
    private ArrayData[] arrays = new ArrayData[2];
    private int arrayCount;
    private long[] slots;
    private int[] counts;
    private int size;
    private int nullCount;

    public ElementSet(ElementOps ops, int expectedSize) {
        this.ops = ops;
        int capacity = Integer.highestOneBit(Math.max(4, expectedSize * 2 - 1)) << 1;
        this.slots = new long[capacity];
        this.counts = new int[capacity];
        Arrays.fill(slots, EMPTY);
    }

    /** Distinct non-null elements. */
    public int size() {
        return size;
    }

    public boolean containsNull() {
        return nullCount > 0;
    }

    /**
     * Adds {@code array[i]} (NULL included) unless an equal element is present; either way its
     * count goes up by one. Returns whether it was new.
     */
    public boolean add(ArrayData array, int i) {
        if (array.isNullAt(i)) {
            return nullCount++ == 0;
        }
        int slot = find(array, i);
        if (slots[slot] != EMPTY) {
            counts[slot]++;
            return false;
        }
        slots[slot] = ((long) register(array) << 32) | i;
        counts[slot] = 1;
        if (++size * 2 > slots.length) {
            grow();
        }
        return true;
    }

    public boolean contains(ArrayData array, int i) {
        return array.isNullAt(i) ? nullCount > 0 : slots[find(array, i)] != EMPTY;
    }

    /** How often an equal element was added; 0 when absent. */
    public int count(ArrayData array, int i) {
        if (array.isNullAt(i)) {
            return nullCount;
        }
        int slot = find(array, i);
        return slots[slot] == EMPTY ? 0 : counts[slot];
    }

    /** Takes one occurrence away (multiset difference); returns whether there was one. */
    public boolean takeOne(ArrayData array, int i) {
        if (array.isNullAt(i)) {
            if (nullCount == 0) {
                return false;
            }
            nullCount--;
            return true;
        }
        int slot = find(array, i);
        if (slots[slot] == EMPTY || counts[slot] == 0) {
            return false;
        }
        counts[slot]--;
        return true;
    }

    private int find(ArrayData array, int i) {
        int mask = slots.length - 1;
        int slot = ops.hash(array, i) & mask;
        while (true) {
            long entry = slots[slot];
            if (entry == EMPTY || ops.equal(arrays[(int) (entry >>> 32)], (int) entry, array, i)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int register(ArrayData array) {
        for (int a = arrayCount - 1; a >= 0; a--) {
            if (arrays[a] == array) {
                return a;
            }
        }
        if (arrayCount == arrays.length) {
            arrays = Arrays.copyOf(arrays, arrayCount * 2);
        }
        arrays[arrayCount] = array;
        return arrayCount++;
    }

    private void grow() {
        long[] oldSlots = slots;
        int[] oldCounts = counts;
        slots = new long[oldSlots.length * 2];
        counts = new int[oldSlots.length * 2];
        Arrays.fill(slots, EMPTY);
        for (int s = 0; s < oldSlots.length; s++) {
            long entry = oldSlots[s];
            if (entry != EMPTY) {
                int slot = find(arrays[(int) (entry >>> 32)], (int) entry);
                slots[slot] = entry;
                counts[slot] = oldCounts[s];
            }
        }
    }
}
