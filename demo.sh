#!/usr/bin/env bash
# One command: builds what is missing, starts Redis (redis-server), a Kafka broker and a Flink
# session cluster (JobManager and TaskManager processes) on loopback, runs the users' pipelines
# (SCENARIOS 000, 001, 004) through Flink's SQL client, prints what landed in Redis and Kafka,
# checks it, and stops everything (also on Ctrl-C). Exits non-zero when a check fails.
# Flink line: the one built last (default 2.3; DEMO_MAVEN_ARGS=-Pflink-1.20 builds 1.20).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/demo-env.sh
exec "${DEMO_JAVA[@]}" run "$PWD/target/demo"
