#!/usr/bin/env bash
# Builds guide-sdk-core and runs a modular application against it on the module path (decision 0611).
# Usage, from the repository root: tools/module-path-check/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -ntp install -DskipTests -pl guide-sdk-api,guide-sdk-core
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mvn -B -q -ntp dependency:build-classpath -pl guide-sdk-core -DincludeScope=runtime -Dmdep.outputFile="$out/deps.txt"
mp="guide-sdk-core/target/classes:$(cat "$out/deps.txt")"
javac -d "$out/classes" --module-path "$mp" --module-source-path tools/module-path-check/src -m demo.app
java --module-path "$out/classes:$mp" -m demo.app/demo.Main
echo "module path check: passed"
