#!/usr/bin/env bash
# Start-up side by side (issue 9): time from JVM launch to the first drawn frame of a bare JavaFX window with a
# table (dev.ecskms.startup.BareTableWindow) and of the console (java -jar … gui), RUNS runs each, interleaved so that
# both see the same machine load; medians. The frame is logged by the app itself (-Decskms.probe=true, see
# ui/StartupProbe): first-frame is the first pulse of the shown window, console-ready the first pulse with the first
# page filled.
# Usage: scripts/startup.sh [-n RUNS] [CONSOLE_JAR ...]   (default: 7 runs of target/ecs-kms-console.jar)
#   Every jar needs its lib/ next to it; a jar of an older build compares before and after.
#   DISPLAY is used if set, else Xvfb is started on :${XVFB_DISPLAY:-97}. NO_BUILD=1 skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=7
if [[ "${1:-}" == "-n" ]]; then runs="$2"; shift 2; fi
jars=("$@")
[[ ${#jars[@]} -gt 0 ]] || jars=(target/ecs-kms-console.jar)
[[ "${NO_BUILD:-}" == 1 ]] || mvn -o -q -DskipTests package
work="$(mktemp -d "${TMPDIR:-/tmp}/startup.XXXXXX")"
xvfb=""
cleanup() { [[ -z "$xvfb" ]] || kill "$xvfb" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
if [[ -z "${DISPLAY:-}" ]]; then
  export DISPLAY=":${XVFB_DISPLAY:-97}"
  Xvfb "$DISPLAY" -screen 0 1366x768x24 >/dev/null 2>&1 & xvfb=$!
  sleep 1
fi
now_ms() { date +%s%3N; }

# Launches "$@" with the probe on, waits for the probe line $1, prints "first-frame-ms [ready-ms]" after launch.
measure() {
  local until="$1"; shift
  local log="$work/run.log" start pid first ready
  start=$(now_ms)
  "$@" >"$log" 2>&1 & pid=$!
  for _ in $(seq 1 3000); do
    grep -q "^probe $until " "$log" && break
    kill -0 "$pid" 2>/dev/null || { echo "exited early: $*" >&2; cat "$log" >&2; exit 1; }
    sleep 0.02
  done
  first=$(awk '$2=="first-frame"{print $3; exit}' "$log")
  ready=$(awk '$2=="console-ready"{print $3; exit}' "$log")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$((first - start))${ready:+ $((ready - start))}"
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

bare=(java -Decskms.probe=true -cp "target/test-classes:target/classes:target/lib/*" dev.ecskms.startup.BareTableWindow)
console() { exec java ${CONSOLE_JAVA_OPTS:-} -Decskms.probe=true -jar "$1" gui --data-dir "$2" --port 0; }

echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/')"
for j in "${!jars[@]}"; do   # the first start creates the data dir; it and a bare run warm the caches, unmeasured
  console "${jars[$j]}" "$work/data-$j" >"$work/first-$j.log" 2>&1 & p=$!
  until grep -q "^probe console-ready" "$work/first-$j.log"; do kill -0 $p; sleep 0.1; done
  kill $p; wait $p 2>/dev/null || true
done
measure first-frame "${bare[@]}" >/dev/null
for i in $(seq 1 "$runs"); do
  measure first-frame "${bare[@]}" >>"$work/bare"
  for j in "${!jars[@]}"; do
    measure console-ready console "${jars[$j]}" "$work/data-$j" >>"$work/console-$j"
  done
done
b=$(median <"$work/bare")
printf '%-40s %8s %8s %14s\n' "" "frame ms" "× bare" "ready ms"
printf '%-40s %8s %8s %14s\n' "bare JavaFX window + table" "$b" "1.00" "-"
for j in "${!jars[@]}"; do
  f=$(cut -d' ' -f1 "$work/console-$j" | median)
  r=$(cut -d' ' -f2 "$work/console-$j" | median)
  printf '%-40s %8s %8s %14s\n' "${jars[$j]}" "$f" "$(awk -v f="$f" -v b="$b" 'BEGIN{printf "%.2f", f/b}')" "$r"
done
echo "runs: $runs each; all values (ms): bare $(tr '\n' ' ' <"$work/bare")"
for j in "${!jars[@]}"; do echo "  ${jars[$j]} (frame ready): $(tr '\n' ';' <"$work/console-$j")"; done
echo "machine after: $(uptime | sed 's/.*load/load/')"
