# Sourced by demo.sh and demo-sql.sh: checks the tools, builds what is missing, and sets
# DEMO_JAVA to the command that starts io.github.flinkpack.demo.Demo.
set -euo pipefail

demo_say() { printf '[demo] %s\n' "$*"; }
demo_fail() { printf '[demo] %s\n' "$*" >&2; exit 1; }

command -v java >/dev/null 2>&1 || demo_fail "java is not on PATH: install JDK 17 or newer."
java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
[ "${java_major%%.*}" -ge 17 ] || demo_fail "The demo needs JDK 17 or newer; found ${java_major}."
if [ -z "${REDIS_SERVER_BIN:-}" ] && ! command -v redis-server >/dev/null 2>&1; then
  demo_fail "redis-server is not on PATH: install it (Debian/Ubuntu: sudo apt-get install redis-server) or set REDIS_SERVER_BIN."
fi

version=0.1.0-SNAPSHOT
modules=(flink-connector-redis flink-udf-arrays flink-udf-json flink-format-debezium-ext)

# The Flink line the pack was last built for: the flink-core on the demo's classpath, which the
# same build wrote. Both lines' distributions may lie side by side; the demo starts that one.
demo_flink_version() {
  [ -f integration-tests/target/demo-classpath.txt ] || return 0
  tr ':' '\n' < integration-tests/target/demo-classpath.txt \
    | sed -n 's:.*/flink-core-\([0-9][0-9.]*[0-9]\)\.jar$:\1:p' | head -n 1
}

demo_flink_home() {
  local v
  v=$(demo_flink_version)
  [ -n "$v" ] && [ -d "integration-tests/flink-dist/target/flink-$v" ] \
    && echo "integration-tests/flink-dist/target/flink-$v"
  return 0
}

demo_missing() {
  local m
  for m in "${modules[@]}"; do
    [ -f "$m/target/$m-$version.jar" ] || { echo "$m/target/$m-$version.jar"; return; }
  done
  [ -f integration-tests/target/demo-classpath.txt ] || { echo "the demo's classpath"; return; }
  [ -d integration-tests/target/classes/io/github/flinkpack/demo ] || { echo "the demo classes"; return; }
  [ -n "$(demo_flink_home)" ] || { echo "the local Flink distribution"; return; }
}

missing=$(demo_missing)
if [ -n "$missing" ]; then
  command -v mvn >/dev/null 2>&1 || demo_fail "Maven (mvn) is needed to build ${missing}: install it (sudo apt-get install maven)."
  demo_say "building (missing: ${missing}); the first build downloads Flink from Maven Central and takes a few minutes"
  mvn -B -ntp -q package -DskipTests -pl integration-tests -am ${DEMO_MAVEN_ARGS:-}
  missing=$(demo_missing)
  [ -z "$missing" ] || demo_fail "the build did not produce ${missing}"
fi

flink_home=$(demo_flink_home)
DEMO_JAVA=(java -Xmx1g
  "-Dflinkpack.flink.home=$PWD/$flink_home"
  "-Dlog4j.configurationFile=$PWD/scripts/demo-log4j2.properties"
  "-Ddemo.log=$PWD/target/demo.log")
for m in "${modules[@]}"; do
  DEMO_JAVA+=("-Dflinkpack.jar.$m=$PWD/$m/target/$m-$version.jar")
done
DEMO_JAVA+=(-cp "integration-tests/target/classes:$(cat integration-tests/target/demo-classpath.txt)"
  io.github.flinkpack.demo.Demo)
