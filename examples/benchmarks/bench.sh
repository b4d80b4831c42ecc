#!/usr/bin/env bash
# Builds the benchmarks and runs the sync and live-progress benchmarks (BenchMain) with a 256 MB heap.
#
#   examples/benchmarks/bench.sh [BenchMain options]
#   e.g. examples/benchmarks/bench.sh --sizes 1000,10000 --db derby --out /tmp/results.md
#
# Environment: CS_TARGET (build folder name, default "target"), BENCH_JVM_ARGS (default "-Xmx256m"),
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
exec java ${BENCH_JVM_ARGS:--Xmx256m} -Dlogback.configurationFile=bench-logback.xml -cp "$cp" \
  org.contactsync.bench.BenchMain "$@"
