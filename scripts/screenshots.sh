#!/bin/sh
# Renders the README's screenshots into assets/screenshots/ (1366x768 PNG, overwritten on every run) from a
# simulator seeded in a temporary data dir: dev.ecskms.ui.Screenshots (src/test), headless through Monocle.
# Usage: scripts/screenshots.sh [NAME ...]   (no names: all of them; the names are the list in Screenshots.SHOTS)
# Then squeezes the files with pngquant/optipng when they are installed (apt-get install pngquant optipng).
set -e
cd "$(dirname "$0")/.."
mvn -o -q -DskipTests test-compile
CP_FILE="${TMPDIR:-/tmp}/screenshots-cp.$$"
trap 'rm -f "$CP_FILE"' EXIT
mvn -o -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
OUT=assets/screenshots
java -Dscreenshots.dir="$OUT" -cp "target/classes:target/test-classes:$(cat "$CP_FILE")" \
    dev.ecskms.ui.Screenshots "$@"
if [ $# -eq 0 ]; then set -- $(cd "$OUT" && ls *.png | sed 's/\.png$//'); fi
for name in "$@"; do
    png="$OUT/$name.png"
    [ -f "$png" ] || continue
    # 256 colours are plenty for flat UI colours and anti-aliased text; keep the file only if it came out smaller
    if command -v pngquant >/dev/null 2>&1; then
        pngquant --force --skip-if-larger --quality=80-100 --speed 1 --output "$png" -- "$png" || true
    fi
    if command -v optipng >/dev/null 2>&1; then optipng -quiet -o2 "$png"; fi
done
du -ch "$OUT"/*.png | tail -1 | sed 's/total$/in assets\/screenshots/'
