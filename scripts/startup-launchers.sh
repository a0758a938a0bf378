#!/usr/bin/env bash
# Start-up of packaged launchers side by side (issue 12: the trimmed runtime must start no slower): for each
# launcher (an app-image's or installed bin/ecs-kms-console), RUNS runs each, interleaved so that all see the same
# machine load; medians of
#   serve        launch → the "Serving." line (endpoint up, data dir open), wall clock and the process's CPU time
#   gui frame    launch → the window's first drawn frame      (-Decskms.probe=true, see ui/StartupProbe)
#   gui ready    launch → the first page filled
# Usage: scripts/startup-launchers.sh [-n RUNS] LAUNCHER...
#   e.g. scripts/startup-launchers.sh /tmp/today/ecs-kms-console/bin/ecs-kms-console /opt/ecs-kms-console/bin/ecs-kms-console
#   The probe reaches the launcher's JVM through JAVA_TOOL_OPTIONS. DISPLAY is used if set, else Xvfb is started on
#   :${XVFB_DISPLAY:-97}.
set -euo pipefail
runs=7
if [[ "${1:-}" == "-n" ]]; then runs="$2"; shift 2; fi
[[ $# -gt 0 ]] || { echo "usage: $0 [-n RUNS] LAUNCHER..." >&2; exit 2; }
launchers=("$@")
work="$(mktemp -d "${TMPDIR:-/tmp}/startup-launchers.XXXXXX")"
xvfb=""
cleanup() { [[ -z "$xvfb" ]] || kill "$xvfb" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
if [[ -z "${DISPLAY:-}" ]]; then
  export DISPLAY=":${XVFB_DISPLAY:-97}"
  Xvfb "$DISPLAY" -screen 0 1366x768x24 >/dev/null 2>&1 & xvfb=$!
  sleep 1
fi
now_ms() { date +%s%3N; }

# Runs "$@", waits for a line matching $1 in its output; prints the ms from launch to that line.
until_line() {
  local pattern="$1"; shift
  local log="$work/run.log" start pid
  start=$(now_ms)
  "$@" >"$log" 2>&1 & pid=$!
  for _ in $(seq 1 6000); do
    grep -q "$pattern" "$log" && break
    kill -0 "$pid" 2>/dev/null || { echo "exited early: $*" >&2; cat "$log" >&2; exit 1; }
    sleep 0.01
  done
  local end cpu; end=$(now_ms)
  cpu=$(cpu_ms "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$((end - start)) $cpu"
}

# CPU time (user + system, all threads) the process has used so far, in ms: less at the mercy of the machine's
# other load than the wall clock. The launcher runs the JVM in its own process.
cpu_ms() {
  awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"
}

# The GUI with the probe on: "first-frame-ms ready-ms" after launch, from the probe's own timestamps.
gui() {
  local log="$work/gui.log" start pid first ready
  start=$(now_ms)
  JAVA_TOOL_OPTIONS=-Decskms.probe=true "$1" gui --data-dir "$2" --port 0 >"$log" 2>&1 & pid=$!
  for _ in $(seq 1 6000); do
    grep -q "^probe console-ready " "$log" && break
    kill -0 "$pid" 2>/dev/null || { echo "exited early: $1" >&2; cat "$log" >&2; exit 1; }
    sleep 0.02
  done
  first=$(awk '$2=="first-frame"{print $3; exit}' "$log")
  ready=$(awk '$2=="console-ready"{print $3; exit}' "$log")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$((first - start)) $((ready - start))"
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/')"
for j in "${!launchers[@]}"; do   # the first start creates the data dirs and warms the caches, unmeasured
  until_line "^Serving\." "${launchers[$j]}" serve --data-dir "$work/serve-$j" --port 0 >/dev/null
  gui "${launchers[$j]}" "$work/gui-$j" >/dev/null
done
for i in $(seq 1 "$runs"); do
  for j in "${!launchers[@]}"; do
    until_line "^Serving\." "${launchers[$j]}" serve --data-dir "$work/serve-$j" --port 0 >>"$work/serve-$j.ms"
    gui "${launchers[$j]}" "$work/gui-$j" >>"$work/gui-$j.ms"
  done
done
printf '%-60s %9s %9s %10s %10s\n' "launcher" "serve ms" "serve cpu" "frame ms" "ready ms"
for j in "${!launchers[@]}"; do
  printf '%-60s %9s %9s %10s %10s\n' "${launchers[$j]}" "$(cut -d' ' -f1 "$work/serve-$j.ms" | median)" \
    "$(cut -d' ' -f2 "$work/serve-$j.ms" | median)" \
    "$(cut -d' ' -f1 "$work/gui-$j.ms" | median)" "$(cut -d' ' -f2 "$work/gui-$j.ms" | median)"
done
echo "runs: $runs each"
for j in "${!launchers[@]}"; do
  echo "  ${launchers[$j]}: serve (ms cpu-ms) $(tr '\n' ';' <"$work/serve-$j.ms"); gui (frame ready) $(tr '\n' ';' <"$work/gui-$j.ms")"
done
echo "machine after: $(uptime | sed 's/.*load/load/')"
