#!/usr/bin/env bash
# Builds the benchmarks and runs the sync and live-progress benchmarks (BenchMain) with a 128 MB heap. By default:
# Derby and PostgreSQL, 10k and 100k contacts, the People API emulator answering each page at once and after
# 400 ms; for each, the engine reading alone (into a sink that discards) beside a full sync, then incremental syncs
# of 10 edits (0 ms only); the core and database alone; live progress latency.
#
#   examples/benchmarks/bench.sh [BenchMain options]
#   e.g. examples/benchmarks/bench.sh --sizes 1000,10000 --db derby --latencies 0 --out /tmp/results.md
#
# Environment: CS_TARGET (build folder name, default "target"), BENCH_JVM_ARGS (default "-Xmx128m"),
# SKIP_BUILD=1 to reuse the last build. Only ever talks to 127.0.0.1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CS_TARGET:-target}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && mvn -B -q -Dcs.target="$target" -pl examples/benchmarks -am -Pbench -DskipTests package)
fi
cp="$(cat "$here/$target/bench-classpath.txt"):$here/$target/classes"
# shellcheck disable=SC2086
exec java ${BENCH_JVM_ARGS:--Xmx128m} -Dlogback.configurationFile=bench-logback.xml -cp "$cp" \
  org.contactsync.bench.BenchMain "$@"
