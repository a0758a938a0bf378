#!/usr/bin/env bash
# Tests the .deb as installed: unpacks it into a scratch root (dpkg -x, no root needed), then runs
# InstalledLauncherTest against it: the installed launcher's `serve` answers one call of the official SDK over HTTPS,
# the desktop entry and icon are there, the tree fits in 80 MB. Prints the sizes.
#   packaging/test-deb.sh            builds the .deb first (packaging/build.sh deb)
#   REUSE_DEB=1 packaging/test-deb.sh  uses target/dist/*.deb if there is one
# MVN_ARGS (e.g. -o) go to both Maven runs.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls target/dist/ecs-kms-console_*.deb 2>/dev/null | head -1 || true)
if [[ "${REUSE_DEB:-}" != 1 || -z "$deb" ]]; then
  packaging/build.sh deb
  deb=$(ls target/dist/ecs-kms-console_*.deb | head -1)
fi
root=$(mktemp -d "${TMPDIR:-/tmp}/ecs-kms-console-deb.XXXXXX")
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
echo "Package:   $deb, $(du -h "$deb" | cut -f1) ($(stat -c %s "$deb") bytes)"
echo "Installed: /opt/ecs-kms-console, $(du -sh "$root/opt/ecs-kms-console" | cut -f1)" \
  "($(du -sb "$root/opt/ecs-kms-console" | cut -f1) bytes; runtime $(du -sh "$root/opt/ecs-kms-console/lib/runtime" | cut -f1))"
# shellcheck disable=SC2086  # MVN_ARGS is a list of options
mvn -B -ntp ${MVN_ARGS:-} test -Dtest=InstalledLauncherTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Decskms.installed.root="$root"
