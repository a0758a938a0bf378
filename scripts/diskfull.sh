#!/usr/bin/env bash
# Issue 7, case 8 on a real full disk: mounts a 64 MiB tmpfs (needs root), runs serve on it, fills it up and checks
# that reads go on, writes get ServiceUnavailable.DiskFull, and all works again once space is freed.
set -euo pipefail
cd "$(dirname "$0")/.."
mount_dir="$(mktemp -d)"
mount -t tmpfs -o size=64m tmpfs "$mount_dir"
trap 'umount "$mount_dir"; rmdir "$mount_dir"' EXIT
mvn -B -ntp -q test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=DiskFullOnRealFileSystemTest \
    -Ddiskfull.dir="$mount_dir"
echo "disk-full check passed on a 64 MiB tmpfs"
