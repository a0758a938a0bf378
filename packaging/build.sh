#!/usr/bin/env bash
# Packages the console with jpackage on a trimmed Java runtime (jlink with the modules jdeps finds).
#   packaging/build.sh app-image   →  target/dist/ecs-kms-console/            (run bin/ecs-kms-console)
#   packaging/build.sh deb         →  target/dist/ecs-kms-console_VERSION_ARCH.deb
#   packaging/build.sh rpm         →  target/dist/ecs-kms-console-VERSION.ARCH.rpm   (needs rpmbuild)
# The installers put the application under /opt/ecs-kms-console, the launcher on the PATH as
# /usr/bin/ecs-kms-console (same subcommands and options as java -jar) and a desktop entry in the menu; removing the
# package leaves every user's data dir (~/.ecs-kms-console) alone.
# Environment: MVN_ARGS (e.g. -o for an offline build), NO_BUILD=1 to reuse target/ecs-kms-console.jar + target/lib,
# JAVA_HOME (the JDK whose jlink/jpackage/jdeps are used; else the one on the PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:-}"
case "$kind" in
  app-image|deb|rpm) ;;
  *) echo "usage: packaging/build.sh app-image|deb|rpm" >&2; exit 2 ;;
esac

name=ecs-kms-console
version=0.1.0
main_class=dev.ecskms.app.Launcher
jdk_bin="${JAVA_HOME:+$JAVA_HOME/bin/}"
# Found by reflection or service lookup, so jdeps cannot see them: jdk.crypto.ec (SunEC: the TLS CA's P-256 keys,
# ECDHE in the handshake).
extra_modules=jdk.crypto.ec

# Installs the Debian packages that provide the given commands, where they are missing (root only).
need() {
  local missing=() cmd pkg
  for pair in "$@"; do
    cmd="${pair%%:*}"; pkg="${pair#*:}"
    command -v "$cmd" >/dev/null || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} (needed to build the $kind)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing: ${missing[*]} (install them, e.g. sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
}

need "${jdk_bin}jpackage:openjdk-17-jdk" "strip:binutils" "objcopy:binutils"
case "$kind" in
  deb) need "dpkg-deb:dpkg" "fakeroot:fakeroot" ;;
  rpm)
    if ! command -v rpmbuild >/dev/null; then
      echo "rpmbuild is not installed: no rpm on this machine (on Debian/Ubuntu: apt-get install rpm)." >&2
      exit 2
    fi ;;
esac

if [[ "${NO_BUILD:-}" != 1 ]]; then
  # shellcheck disable=SC2086  # MVN_ARGS is a list of options
  mvn -B -ntp -q ${MVN_ARGS:-} -DskipTests package
fi

# The jars the launcher needs are those the main jar's manifest names (target/lib may hold stale versions from
# earlier builds); the classifier-less JavaFX jars are empty shells next to their -linux twins and are left out.
work=target/jpackage
# Only this kind's output is replaced: a deb and an rpm can sit side by side in target/dist.
rm -rf "$work" "target/dist/$name"
rm -f target/dist/*."$kind"
mkdir -p "$work/input/lib" target/dist
cp target/$name.jar "$work/input/"
(cd "$work" && "${jdk_bin}jar" xf ../$name.jar META-INF/MANIFEST.MF)
jars=$(tr -d '\r' <"$work/META-INF/MANIFEST.MF" \
  | awk '/^Class-Path:/{on=1; sub(/^Class-Path: /,""); printf "%s", $0; next} on && /^ /{sub(/^ /,""); printf "%s", $0; next} {on=0}')
for jar in $jars; do
  base="${jar#lib/}"
  if [[ "$base" =~ ^javafx-.*-[0-9.]+\.jar$ && -f "target/lib/${base%.jar}-linux.jar" ]]; then continue; fi
  cp "target/$jar" "$work/input/lib/"
done

# The runtime: only the JDK modules the application and its libraries use.
modules=$("${jdk_bin}jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 \
  --class-path "$work/input/lib/*" "$work/input/$name.jar" "$work/input"/lib/*.jar 2>/dev/null | tail -1)
modules="$modules,$extra_modules"
echo "Runtime modules: $modules"
"${jdk_bin}jlink" --add-modules "$modules" --strip-debug --strip-native-commands --no-header-files --no-man-pages \
  --compress=2 --output "$work/runtime"
# The JDK's native libraries carry their full symbol tables (used only to name frames in a crash report): ~4 MB.
find "$work/runtime" -name '*.so' -exec strip --strip-unneeded {} +

common=(--name "$name" --app-version "$version"
  --vendor "ecs-kms-console project"
  --description "Console and API endpoint that simulate Alibaba Cloud ECS disk encryption with KMS"
  --input "$work/input" --main-jar "$name.jar" --main-class "$main_class"
  --runtime-image "$work/runtime"
  --icon assets/icons/$name-256.png
  --java-options "-Dfile.encoding=UTF-8"
  --dest target/dist)

if [[ "$kind" == app-image ]]; then
  "${jdk_bin}jpackage" --type app-image "${common[@]}"
  echo "Built target/dist/$name ($(du -sh "target/dist/$name" | cut -f1); run target/dist/$name/bin/$name)"
  exit 0
fi

# packaging/linux: the desktop entry, the deb's postinst/prerm and the rpm's spec, jpackage's templates plus the
# launcher's link in /usr/bin (jpackage fills in their placeholders). The desktop entry's icon is --icon's PNG.
# JavaFX loads GTK 3 itself (not seen by jpackage's search for the runtime's libraries).
mkdir -p "$work/resources"
cp packaging/linux/* "$work/resources/"
if [[ "$kind" == deb ]]; then gtk_dep="libgtk-3-0 | libgtk-3-0t64"; else gtk_dep="gtk3"; fi
"${jdk_bin}jpackage" --type "$kind" "${common[@]}" \
  --resource-dir "$work/resources" \
  --linux-package-name "$name" \
  --linux-shortcut \
  --linux-menu-group "System;Security;" \
  --linux-app-category devel \
  --linux-package-deps "$gtk_dep"
ls -l target/dist
