#!/bin/sh
# The large seeded fuzz run of issue 7: signed requests over every action of every product with malformed
# parameters, plus unsigned and garbage-parameter requests, against a fresh simulator's endpoint.
# Usage: scripts/fuzz.sh [signed-requests] [seed]   (defaults: 20000 signed, 2000 unsigned, the test's seed)
# Any 5xx or malformed answer is printed as "FUZZ #n Action {parameters} → answer" and fails the run.
set -e
cd "$(dirname "$0")/.."
REQUESTS="${1:-20000}"
SEED_ARG=""
if [ -n "$2" ]; then SEED_ARG="-Dfuzz.seed=$2"; fi
exec mvn -o -q test -Dtest=ApiFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfuzz.requests="$REQUESTS" -Dfuzz.unsigned=$((REQUESTS / 10)) $SEED_ARG
