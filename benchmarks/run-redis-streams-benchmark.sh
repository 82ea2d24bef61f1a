#!/usr/bin/env bash
# Builds the pack and runs the Redis Streams benchmark (XADD sink and redis-stream source).
# Usage: benchmarks/run-redis-streams-benchmark.sh [entries] [rounds] [maven args...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl benchmarks -am package -DskipTests "${@:3}"
java -Xmx4g -XX:+UseParallelGC -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.github.flinkpack.benchmarks.RedisStreamsBenchmark "${1:-2000000}" "${2:-2}"
