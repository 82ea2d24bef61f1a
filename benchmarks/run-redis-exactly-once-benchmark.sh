#!/usr/bin/env bash
# Builds the pack and runs the Redis sink's exactly-once vs at-least-once benchmark.
# Usage: benchmarks/run-redis-exactly-once-benchmark.sh [rows] [rounds] [maven args...] (docs/BENCHMARKS.md uses 10000000 2)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl benchmarks -am package -DskipTests "${@:3}"
java -Xmx6g -XX:+UseParallelGC -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.github.flinkpack.benchmarks.RedisExactlyOnceBenchmark "${1:-3000000}" "${2:-2}"
