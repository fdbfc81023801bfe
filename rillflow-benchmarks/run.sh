#!/usr/bin/env bash
# Runs Rillflow's JMH suite and writes RESULTS.md beside this script.
#
#   RILLFLOW_BENCH_DATABASE_URL='jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres' \
#     rillflow-benchmarks/run.sh [JMH arguments...]
#
# Without RILLFLOW_BENCH_DATABASE_URL every fork starts an embedded PostgreSQL. JMH arguments go
# through unchanged: a name filter (`run.sh LoadById`), `-f 3 -wi 5 -i 10` for a longer run, etc.
# BENCH_MAVEN_ARGS is added to the Maven command that builds the jar (e.g. -Dmaven.repo.local=...).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
json="$here/target/jmh.json"

# Rebuild when the jar is missing or older than anything it is made from.
sources=("$root/pom.xml")
for module in rillflow-annotations rillflow-processor rillflow-runtime rillflow-forwarding rillflow-rabbitmq rillflow-nats rillflow-benchmarks; do
  sources+=("$root/$module/pom.xml" "$root/$module/src")
done
if [[ ! -f "$jar" ]] || [[ -n "$(find "${sources[@]}" -newer "$jar" -print -quit)" ]]; then
  echo "Building $jar"
  # shellcheck disable=SC2086 # BENCH_MAVEN_ARGS is a list of arguments.
  (cd "$root" && mvn -B -q ${BENCH_MAVEN_ARGS:-} -pl rillflow-benchmarks -am package -DskipTests)
fi

# Other work on the machine moves the timings; the report states the load before and after.
load_before="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
# -prof gc adds bytes allocated per operation: a figure the machine's load hardly moves.
java -jar "$jar" -prof gc -rf json -rff "$json" "$@"

load_after="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
machine="$(nproc) CPUs, $(uname -m), $(uname -sr)"
if model="$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null)"; then
  machine="$machine, ${model#*: }"
fi
machine="$machine; 1-minute load average $load_before before the run, $load_after after"
java_version="$(java -version 2>&1 | paste -sd ';' - | sed 's/;/; /g')"
run_date="$(date -u '+%Y-%m-%d %H:%M UTC')"
if [[ -n "${RILLFLOW_BENCH_DATABASE_URL:-}" ]]; then
  # The URL without its query string, which may carry a password.
  database="$(java -cp "$jar" io.rillflow.benchmarks.report.ServerVersion) at ${RILLFLOW_BENCH_DATABASE_URL%%\?*}"
else
  database="embedded PostgreSQL (io.zonky.test binaries), one per fork"
fi

java -cp "$jar" io.rillflow.benchmarks.report.ResultTable \
  "$json" "$here/RESULTS.md" "$machine" "$java_version" "$run_date" "$database"
echo "Wrote $here/RESULTS.md"
