#!/usr/bin/env bash
# The demo's stack (Redis, Kafka, a Flink session cluster with the pack in lib/) with the demo's
# input produced, and an interactive Flink SQL client on it with the pack's functions and the
# pipelines' tables registered. QUIT; (or Ctrl-D) stops everything.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/demo-env.sh
exec "${DEMO_JAVA[@]}" shell "$PWD/target/demo-sql"
