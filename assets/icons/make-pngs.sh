#!/usr/bin/env bash
# Makes the icon's PNGs from ecs-kms-console.svg; they are committed, so a build needs no SVG renderer.
# Needs rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin) and optipng if present.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" ecs-kms-console.svg --output "ecs-kms-console-$size.png"
  if command -v optipng >/dev/null; then optipng -quiet -o2 "ecs-kms-console-$size.png"; fi
done
ls -l ecs-kms-console-*.png
