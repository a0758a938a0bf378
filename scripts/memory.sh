#!/usr/bin/env bash
# Memory and page switches with many resources (issue 9): a data dir with 10,000 disks and 1,000 keys made through
# the real services (dev.ecskms.startup.SeedDataDir), the console opened on it under Xvfb, switched
# Instances → Disks → Keys three times and left on Disks; then its resident set (ps -o rss). Each switch is timed by
# the app (-Decskms.probe=true): from the navigation click to the pulse that lays out the page with its rows.
# Usage: scripts/memory.sh [-n RUNS] [CONSOLE_JAR ...]   (default: 3 runs of target/ecs-kms-console.jar)
#   DATA=/path reuses (or creates) that data dir; HISTO=1 also prints the top of the heap's class histogram.
#   DISPLAY is used if set, else Xvfb is started on :${XVFB_DISPLAY:-97}. NO_BUILD=1 skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
if [[ "${1:-}" == "-n" ]]; then runs="$2"; shift 2; fi
jars=("$@")
[[ ${#jars[@]} -gt 0 ]] || jars=(target/ecs-kms-console.jar)
[[ "${NO_BUILD:-}" == 1 ]] || mvn -o -q -DskipTests package
data="${DATA:-${TMPDIR:-/tmp}/ecs-kms-10k}"
work="$(mktemp -d "${TMPDIR:-/tmp}/memory.XXXXXX")"
xvfb=""
cleanup() { [[ -z "$xvfb" ]] || kill "$xvfb" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
if [[ -z "${DISPLAY:-}" ]]; then
  export DISPLAY=":${XVFB_DISPLAY:-97}"
  Xvfb "$DISPLAY" -screen 0 1366x768x24 >/dev/null 2>&1 & xvfb=$!
  sleep 1
fi
if [[ ! -f "$data/state.mv.db" ]]; then
  java -cp "target/test-classes:target/classes:target/lib/*" dev.ecskms.startup.SeedDataDir "$data" 10000 1000
fi
pages="navInstances,navDisks,navKeys,navInstances,navDisks,navKeys,navInstances,navDisks,navKeys,navDisks"
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/'); data dir $data"
for i in $(seq 1 "$runs"); do
  for j in "${!jars[@]}"; do
    log="$work/run-$j-$i.log"
    java ${CONSOLE_JAVA_OPTS:-} -Decskms.probe=true -Decskms.probe.pages="$pages" \
        -jar "${jars[$j]}" gui --data-dir "$data" --port 0 >"$log" 2>&1 & pid=$!
    until grep -q "^probe pages-done" "$log"; do
      kill -0 "$pid" 2>/dev/null || { echo "exited early: ${jars[$j]}" >&2; cat "$log" >&2; exit 1; }
      sleep 0.5
    done
    sleep 8 # the Disks page as the user leaves it, a few idle seconds on
    ps -o rss= -p "$pid" >>"$work/rss-$j"
    awk '$2=="switch"{print $3, $4}' "$log" >>"$work/switch-$j"
    if [[ "${HISTO:-}" == 1 ]]; then
      echo "--- ${jars[$j]} run $i"; jcmd "$pid" GC.heap_info | tail -n +2
      jcmd "$pid" GC.class_histogram | head -n 14
    fi
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
printf '%-40s %8s %12s %12s %12s\n' "" "RSS MB" "→Instances" "→Disks" "→Keys"
for j in "${!jars[@]}"; do
  rss=$(median <"$work/rss-$j")
  sw() { awk -v p="$1" '$1==p{print $2}' "$work/switch-$j" | median; }
  printf '%-40s %8s %12s %12s %12s\n' "${jars[$j]}" "$((rss / 1024))" "$(sw navInstances)" "$(sw navDisks)" "$(sw navKeys)"
done
echo "medians of $runs runs (switch ms: median over every switch to that page); all RSS kB:"
for j in "${!jars[@]}"; do echo "  ${jars[$j]}: $(tr '\n' ' ' <"$work/rss-$j")"; done
echo "machine after: $(uptime | sed 's/.*load/load/')"
