package io.github.flinkpack.arrays.module;

import io.github.flinkpack.arrays.aggregates.ArrayAggOrdered;
import io.github.flinkpack.arrays.aggregates.ArrayIntersectAgg;
import io.github.flinkpack.arrays.aggregates.CollectSet;
import io.github.flinkpack.arrays.aggregates.EarliestByOffset;
import io.github.flinkpack.arrays.aggregates.EarliestByTime;
import io.github.flinkpack.arrays.aggregates.LatestByOffset;
import io.github.flinkpack.arrays.aggregates.LatestByTime;
import io.github.flinkpack.arrays.functions.ArrayCompact;
import io.github.flinkpack.arrays.functions.ArrayDistinct;
import io.github.flinkpack.arrays.functions.ArrayExcept;
import io.github.flinkpack.arrays.functions.ArrayExceptAll;
import io.github.flinkpack.arrays.functions.ArrayFlatten;
import io.github.flinkpack.arrays.functions.ArrayFrequencies;
import io.github.flinkpack.arrays.functions.ArrayIntersect;
import io.github.flinkpack.arrays.functions.ArrayIntersectAll;
import io.github.flinkpack.arrays.functions.ArrayJaccard;
import io.github.flinkpack.arrays.functions.ArraySequence;
import io.github.flinkpack.arrays.functions.ArrayUnion;
import io.github.flinkpack.arrays.functions.ArraysIntersect;
import io.github.flinkpack.arrays.functions.ArraysOverlap;
import io.github.flinkpack.arrays.functions.ArraysZip;
import io.github.flinkpack.arrays.functions.ElementAt;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.module.Module;

/**
 * Every array function of the pack, by SQL name: {@code LOAD MODULE flinkpack_arrays}. Names that
 * Flink also has built in (ARRAY_INTERSECT, ARRAY_UNION, ARRAY_EXCEPT, ARRAY_DISTINCT) only resolve
 * to this module when it is listed before {@code core}: {@code USE MODULES flinkpack_arrays, core}.
 */
@PublicEvolving
public final class ArrayFunctionsModule implements Module {

    private static final Map<String, Supplier<FunctionDefinition>> FUNCTIONS = functions();

    private static Map<String, Supplier<FunctionDefinition>> functions() {
        Map<String, Supplier<FunctionDefinition>> functions = new LinkedHashMap<>();
        functions.put("ARRAY_INTERSECT", ArrayIntersect::new);
        functions.put("ARRAY_UNION", ArrayUnion::new);
        functions.put("ARRAY_EXCEPT", ArrayExcept::new);
        functions.put("ARRAY_DISTINCT", ArrayDistinct::new);
        functions.put("ARRAYS_INTERSECT", ArraysIntersect::new);
        functions.put("ARRAY_INTERSECT_ALL", ArrayIntersectAll::new);
        functions.put("ARRAY_EXCEPT_ALL", ArrayExceptAll::new);
        functions.put("ARRAYS_OVERLAP", ArraysOverlap::new);
        functions.put("ARRAY_JACCARD", ArrayJaccard::new);
        functions.put("ELEMENT_AT", ElementAt::new);
        functions.put("ARRAY_COMPACT", ArrayCompact::new);
        functions.put("ARRAY_FLATTEN", ArrayFlatten::new);
        functions.put("ARRAYS_ZIP", ArraysZip::new);
        functions.put("ARRAY_SEQUENCE", ArraySequence::new);
        functions.put("ARRAY_FREQUENCIES", ArrayFrequencies::new);
        functions.put("ARRAY_INTERSECT_AGG", ArrayIntersectAgg::new);
        functions.put("COLLECT_SET", CollectSet::new);
        functions.put("LATEST_BY_OFFSET", LatestByOffset::new);
        functions.put("EARLIEST_BY_OFFSET", EarliestByOffset::new);
        functions.put("LATEST_BY_TIME", LatestByTime::new);
        functions.put("EARLIEST_BY_TIME", EarliestByTime::new);
        functions.put("ARRAY_AGG_ORDERED", ArrayAggOrdered::new);
        return Collections.unmodifiableMap(functions);
    }

    @Override
    public Set<String> listFunctions() {
        return FUNCTIONS.keySet();
    }

    @Override
    public Optional<FunctionDefinition> getFunctionDefinition(String name) {
        return Optional.ofNullable(FUNCTIONS.get(name.toUpperCase(Locale.ROOT))).map(Supplier::get);
    }
}
