#!/usr/bin/env bash
# Builds the pack for the chosen Flink line and runs the Redis sink benchmark.
# Usage: [BENCH_JAVA_OPTS=-Dlanes=1,2,4] benchmarks/run-redis-sink-benchmark.sh [rows] [naive-rows] [rounds] [one-way-delay-us] [maven args...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl benchmarks -am package -DskipTests "${@:5}"
java -Xmx4g -XX:+UseParallelGC ${BENCH_JAVA_OPTS:-} -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.github.flinkpack.benchmarks.RedisSinkBenchmark "${1:-5000000}" "${2:-300000}" "${3:-2}" "${4:-0}"
