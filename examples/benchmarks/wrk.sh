#!/usr/bin/env bash
# The phone directory under load: starts DirectoryBenchServer (embedded Jetty 12 + Jersey + ContactSync's
# DirectoryResource over N generated contacts in embedded Derby) on 127.0.0.1, then runs wrk against the main menu,
# the largest group's first page, a contact page, a search by name and by keypad digits, the Yealink phonebook file
# and a caller-ID look-up, against the same documents served as static files by the same Jetty, and against a
# 10 KB CSS file from the same Jetty (the ceiling, measured before and after the pages). Prints req/s, p99 and the
# ratio to the CSS rate per URL as a Markdown table.
#
#   examples/benchmarks/wrk.sh [contacts] [duration]        defaults: 10000 30s
#
# Environment: CS_TARGET (build folder, default "target"), SKIP_BUILD=1 to reuse the last build,
# WRK_THREADS (2), WRK_CONNECTIONS (100), WARMUP (wrk run per URL before measuring, default 5s; 0 for none),
# SERVER_JVM_ARGS (default "-Xmx256m").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CS_TARGET:-target}"
contacts="${1:-10000}"
duration="${2:-30s}"
threads="${WRK_THREADS:-2}"
connections="${WRK_CONNECTIONS:-100}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && mvn -B -q -Dcs.target="$target" -pl examples/benchmarks -am -Pbench -DskipTests package)
fi
cp="$(cat "$here/$target/bench-classpath.txt"):$here/$target/classes"

work="$(mktemp -d)"
ready="$work/urls.env"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck disable=SC2086
java ${SERVER_JVM_ARGS:--Xmx256m} -Dlogback.configurationFile=bench-logback.xml -cp "$cp" \
  org.contactsync.bench.DirectoryBenchServer --contacts "$contacts" --port 0 --ready-file "$ready" \
  --work-dir "$work" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  [[ -s "$ready" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the server stopped:" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
[[ -s "$ready" ]] || { echo "the server did not start within 5 minutes" >&2; cat "$work/server.log" >&2; exit 1; }
# shellcheck disable=SC1090
source "$ready"

warmup="${WARMUP:-5s}"
if [[ "$warmup" != 0 ]]; then
  for var in STATIC_CSS MENU GROUP CONTACT SEARCH KEYPAD PHONEBOOK LOOKUP; do
    wrk -t"$threads" -c"$connections" -d"$warmup" "${!var}" >/dev/null
  done
fi

echo "## Phone directory under load: wrk -t$threads -c$connections -d$duration, $contacts contacts"
echo
echo "- $(nproc) CPUs, load average before: $(cut -d' ' -f1-3 /proc/loadavg); wrk and the server share the machine"
echo
run_wrk() { # url -> "req/s p50 p99 errors"
  local out
  out="$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$1")"
  echo "$out" >>"$work/wrk.log"
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  errors="$(awk '/Non-2xx or 3xx responses:/ {print $5} /Socket errors:/ {print "socket:" $4 $5 $6 $7 $8 $9 $10 $11}' <<<"$out" | paste -sd' ')"
  echo "$rps $p50 $p99 ${errors:-0}"
}
read -r css1 _ cssp99a _ <<<"$(run_wrk "$STATIC_CSS")"
echo "| page | URL | req/s | p50 | p99 | errors | static copy req/s | static p99 | vs 10 KB CSS |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
rows=()
for page in MENU GROUP CONTACT SEARCH KEYPAD PHONEBOOK LOOKUP; do
  url="${!page}"
  static_var="STATIC_$page"
  read -r rps p50 p99 errors <<<"$(run_wrk "$url")"
  read -r srps _ sp99 _ <<<"$(run_wrk "${!static_var}")"
  rows+=("$page|${url#http://127.0.0.1:*/}|$rps|$p50|$p99|$errors|$srps|$sp99")
done
read -r css2 _ cssp99b _ <<<"$(run_wrk "$STATIC_CSS")"
css="$(awk -v a="$css1" -v b="$css2" 'BEGIN {printf "%.2f", (a + b) / 2}')"
for row in "${rows[@]}"; do
  IFS='|' read -r page url rps p50 p99 errors srps sp99 <<<"$row"
  ratio="$(awk -v r="$rps" -v c="$css" 'BEGIN {printf "%.0f %%", 100 * r / c}')"
  echo "| $page | $url | $rps | $p50 | $p99 | $errors | $srps | $sp99 | $ratio |"
done
echo "| 10 KB CSS (ceiling) | static/page.css | $css (before $css1, after $css2) | | $cssp99a / $cssp99b | | | | 100 % |"
echo
echo "- load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
