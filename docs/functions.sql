-- Flink SQL Pack: registering the functions.
--
-- Option 1: the whole array pack as a module. Flink has ARRAY_INTERSECT, ARRAY_UNION,
-- ARRAY_EXCEPT and ARRAY_DISTINCT built in; a name is resolved by the first module in the
-- USE MODULES list that has it, so list ours before core to get the pack's versions (same
-- results, generic over element types). With 'core' first, those four names stay Flink's.
LOAD MODULE flinkpack_arrays;
USE MODULES flinkpack_arrays, core;

-- Option 2: one by one, as catalog functions (jar in lib/, or add USING JAR '<path>').
-- Flink 1.20 with checkpointing on cannot submit a job that uses a USING JAR function
-- (FLINK-28897, fixed in 2.x): there, run ADD JAR '<path>' first and omit USING JAR.
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
CREATE FUNCTION IF NOT EXISTS LATEST_BY_TIME AS 'io.github.flinkpack.arrays.aggregates.LatestByTime';
CREATE FUNCTION IF NOT EXISTS EARLIEST_BY_TIME AS 'io.github.flinkpack.arrays.aggregates.EarliestByTime';
CREATE FUNCTION IF NOT EXISTS ARRAY_AGG_ORDERED AS 'io.github.flinkpack.arrays.aggregates.ArrayAggOrdered';

-- Option 3: for one session only.
-- CREATE TEMPORARY SYSTEM FUNCTION ARRAY_JACCARD AS 'io.github.flinkpack.arrays.functions.ArrayJaccard';

-- JSON functions (flink-udf-json): no name clashes with Flink's built-ins.
-- Option 1: the module.
LOAD MODULE flinkpack_json;

-- Option 2: one by one (jar in lib/, or add USING JAR '<path>').
CREATE FUNCTION IF NOT EXISTS JSON_STR AS 'io.github.flinkpack.json.functions.JsonStr';
CREATE FUNCTION IF NOT EXISTS JSON_LONG AS 'io.github.flinkpack.json.functions.JsonLong';
CREATE FUNCTION IF NOT EXISTS JSON_INT AS 'io.github.flinkpack.json.functions.JsonInt';
CREATE FUNCTION IF NOT EXISTS JSON_DOUBLE AS 'io.github.flinkpack.json.functions.JsonDouble';
CREATE FUNCTION IF NOT EXISTS JSON_DECIMAL AS 'io.github.flinkpack.json.functions.JsonDecimal';
CREATE FUNCTION IF NOT EXISTS JSON_BOOL AS 'io.github.flinkpack.json.functions.JsonBool';
CREATE FUNCTION IF NOT EXISTS JSON_TIMESTAMP AS 'io.github.flinkpack.json.functions.JsonTimestamp';
CREATE FUNCTION IF NOT EXISTS JSON_ARRAY_LENGTH AS 'io.github.flinkpack.json.functions.JsonArrayLength';
CREATE FUNCTION IF NOT EXISTS JSON_LENGTH AS 'io.github.flinkpack.json.functions.JsonLength';
CREATE FUNCTION IF NOT EXISTS JSON_TYPE AS 'io.github.flinkpack.json.functions.JsonType';
CREATE FUNCTION IF NOT EXISTS JSON_KEYS AS 'io.github.flinkpack.json.functions.JsonKeys';
CREATE FUNCTION IF NOT EXISTS JSON_TO_MAP AS 'io.github.flinkpack.json.functions.JsonToMap';
CREATE FUNCTION IF NOT EXISTS JSON_ARRAY_STRINGS AS 'io.github.flinkpack.json.functions.JsonArrayStrings';
CREATE FUNCTION IF NOT EXISTS JSON_CONCAT AS 'io.github.flinkpack.json.functions.JsonConcat';
CREATE FUNCTION IF NOT EXISTS IS_VALID_JSON AS 'io.github.flinkpack.json.functions.IsValidJson';
CREATE FUNCTION IF NOT EXISTS JSON_TUPLE AS 'io.github.flinkpack.json.functions.JsonTuple';
CREATE FUNCTION IF NOT EXISTS FROM_JSON AS 'io.github.flinkpack.json.functions.FromJson';
