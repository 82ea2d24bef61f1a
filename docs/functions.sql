-- Flink SQL Pack: registering the functions.
--
-- Option 1: the whole array pack as a module. Flink has ARRAY_INTERSECT, ARRAY_UNION,
-- ARRAY_EXCEPT and ARRAY_DISTINCT built in; a name is resolved by the first module in the
-- USE MODULES list that has it, so list ours before core to get the pack's versions (same
-- results, generic over element types). With 'core' first, those four names stay Flink's.
LOAD MODULE flinkpack_arrays;
USE MODULES flinkpack_arrays, core;

-- Option 2: one by one, as catalog functions (jar in lib/, or add USING JAR '<path>').
-- A catalog function named like a built-in is shadowed by the built-in, silently: give such
-- functions other names (e.g. PACK_ARRAY_INTERSECT) or use the module.
CREATE FUNCTION IF NOT EXISTS PACK_ARRAY_INTERSECT AS 'io.github.flinkpack.arrays.functions.ArrayIntersect';
CREATE FUNCTION IF NOT EXISTS PACK_ARRAY_UNION AS 'io.github.flinkpack.arrays.functions.ArrayUnion';
CREATE FUNCTION IF NOT EXISTS PACK_ARRAY_EXCEPT AS 'io.github.flinkpack.arrays.functions.ArrayExcept';
CREATE FUNCTION IF NOT EXISTS PACK_ARRAY_DISTINCT AS 'io.github.flinkpack.arrays.functions.ArrayDistinct';
CREATE FUNCTION IF NOT EXISTS ARRAYS_INTERSECT AS 'io.github.flinkpack.arrays.functions.ArraysIntersect';
CREATE FUNCTION IF NOT EXISTS ARRAY_INTERSECT_ALL AS 'io.github.flinkpack.arrays.functions.ArrayIntersectAll';
CREATE FUNCTION IF NOT EXISTS ARRAY_EXCEPT_ALL AS 'io.github.flinkpack.arrays.functions.ArrayExceptAll';
CREATE FUNCTION IF NOT EXISTS ARRAYS_OVERLAP AS 'io.github.flinkpack.arrays.functions.ArraysOverlap';
CREATE FUNCTION IF NOT EXISTS ARRAY_JACCARD AS 'io.github.flinkpack.arrays.functions.ArrayJaccard';
CREATE FUNCTION IF NOT EXISTS ELEMENT_AT AS 'io.github.flinkpack.arrays.functions.ElementAt';
CREATE FUNCTION IF NOT EXISTS ARRAY_COMPACT AS 'io.github.flinkpack.arrays.functions.ArrayCompact';
CREATE FUNCTION IF NOT EXISTS ARRAY_FLATTEN AS 'io.github.flinkpack.arrays.functions.ArrayFlatten';
CREATE FUNCTION IF NOT EXISTS ARRAYS_ZIP AS 'io.github.flinkpack.arrays.functions.ArraysZip';
CREATE FUNCTION IF NOT EXISTS ARRAY_SEQUENCE AS 'io.github.flinkpack.arrays.functions.ArraySequence';
CREATE FUNCTION IF NOT EXISTS ARRAY_FREQUENCIES AS 'io.github.flinkpack.arrays.functions.ArrayFrequencies';
CREATE FUNCTION IF NOT EXISTS ARRAY_INTERSECT_AGG AS 'io.github.flinkpack.arrays.aggregates.ArrayIntersectAgg';
CREATE FUNCTION IF NOT EXISTS COLLECT_SET AS 'io.github.flinkpack.arrays.aggregates.CollectSet';
CREATE FUNCTION IF NOT EXISTS LATEST_BY_OFFSET AS 'io.github.flinkpack.arrays.aggregates.LatestByOffset';
CREATE FUNCTION IF NOT EXISTS EARLIEST_BY_OFFSET AS 'io.github.flinkpack.arrays.aggregates.EarliestByOffset';

-- Option 3: for one session only.
-- CREATE TEMPORARY SYSTEM FUNCTION ARRAY_JACCARD AS 'io.github.flinkpack.arrays.functions.ArrayJaccard';
