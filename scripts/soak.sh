#!/usr/bin/env bash
# The larger hardening runs of issue 7, beyond what `mvn verify` does in its bounded form:
#   rounds of kill -9 while 4 clients write (default 10 rounds; every acknowledged write must survive),
#   and 1,000 updates of one key across kill -9 (data file growth must stay under 5 MB).
# Usage: scripts/soak.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-10}"
mvn -B -ntp -q test -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest='KillDashNineSoakTest,ServeProcessTest#thousandUpdates*' -Dsoak.rounds="$rounds" \
    | grep -E "kill -9 soak|state.mv.db bytes" || true
