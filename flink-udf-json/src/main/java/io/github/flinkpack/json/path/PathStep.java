package io.github.flinkpack.json.path;

import java.util.Objects;

/** One step of a {@link JsonPath}: a field by name, or an array element by index. */
public final class PathStep {

    private final String field;
    private final int index;

    private PathStep(String field, int index) {
        this.field = field;
        this.index = index;
    }

    static PathStep field(String name) {
        return new PathStep(name, 0);
    }

    static PathStep index(int index) {
        return new PathStep(null, index);
    }

    public boolean isField() {
        return field != null;
    }

    /** The field name; null for an index step. */
    public String field() {
        return field;
    }

    /** The array index; negative counts from the end ({@code -1} is the last element). */
    public int index() {
        return index;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PathStep)) {
            return false;
        }
        PathStep other = (PathStep) o;
        return index == other.index && Objects.equals(field, other.field);
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, index);
    }

    @Override
    public String toString() {
        return isField() ? "['" + field + "']" : "[" + index + "]";
    }
}
