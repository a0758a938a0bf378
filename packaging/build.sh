#!/usr/bin/env bash
# Builds a runnable jpackage image from the classpath launcher (target/ecs-kms-console.jar + target/lib/).
#   packaging/build.sh app-image   →  target/dist/ecs-kms-console/
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:-app-image}"
if [[ "$kind" != "app-image" ]]; then
  echo "usage: packaging/build.sh app-image   (installers come later)" >&2
  exit 2
fi
mvn -B -ntp -q -DskipTests package
rm -rf target/jpackage-input target/dist
mkdir -p target/jpackage-input/lib target/dist
cp target/ecs-kms-console.jar target/jpackage-input/
cp target/lib/*.jar target/jpackage-input/lib/
jpackage --type app-image \
  --name ecs-kms-console \
  --app-version 0.1.0 \
  --input target/jpackage-input \
  --main-jar ecs-kms-console.jar \
  --main-class dev.ecskms.app.Launcher \
  --java-options "-Dfile.encoding=UTF-8" \
  --dest target/dist
echo "Built target/dist/ecs-kms-console (run target/dist/ecs-kms-console/bin/ecs-kms-console)"
