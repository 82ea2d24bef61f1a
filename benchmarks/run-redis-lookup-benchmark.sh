#!/usr/bin/env bash
# Builds the pack for the chosen Flink line and runs the Redis lookup join benchmark.
# Usage: benchmarks/run-redis-lookup-benchmark.sh [rows] [keys] [sync-rows] [rounds] [async-capacity] [maven args...]
# One variant under a profiler: JAVA_OPTS='-Dvariant=async -XX:StartFlightRecording=filename=lookup.jfr,settings=profile'
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl benchmarks -am package -DskipTests "${@:6}"
# shellcheck disable=SC2086
java -Xmx4g -XX:+UseParallelGC ${JAVA_OPTS:-} -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.github.flinkpack.benchmarks.RedisLookupBenchmark "${1:-2000000}" "${2:-100000}" "${3:-200000}" "${4:-2}" "${5:-1000}"
