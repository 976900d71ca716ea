#!/usr/bin/env bash
# The benchmark: bench/run.sh [ROWS] [--workers N] [--chunk-size BYTES] [--seed N] [--warm-up ROWS] [--keep-file] [--keep] [--note TEXT]
# Generates a products file of ROWS rows (default 500000) under bench/work/, starts a private
# stack (free ports, ephemeral data — never the one of ./lfp up), measures the product end to end
# (first upload byte to exact counts) for a first upload and an identical re-upload (after a
# warm-up upload of other rows, --warm-up 0 for cold JVMs), times the
# by-hand baseline (COPY + set upsert + counts) on the same PostgreSQL, prints a table and writes
# bench/results/<UTC>-<ROWS>.json (git-ignored; with --keep bench/results/kept/, to commit). The work is done by io.lfp.cli.bench.Benchmark (launcher module).
set -euo pipefail

LFP_HOME="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

if ! command -v java >/dev/null 2>&1; then
  echo "bench: 'java' was not found on PATH. Install a JDK 17 or newer and run this again." >&2
  exit 1
fi

required_jars=(
  "launcher/target/lfp-launcher.jar"
  "local-infra/target/local-infra.jar"
  "upload-service/target/quarkus-app/quarkus-run.jar"
  "ingest-worker/target/quarkus-app/quarkus-run.jar"
  "aggregate-service/target/quarkus-app/quarkus-run.jar"
  "dashboard-service/target/quarkus-app/quarkus-run.jar"
)
missing=()
for jar in "${required_jars[@]}"; do
  [[ -f "$LFP_HOME/$jar" ]] || missing+=("$jar")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "bench: not built yet (${missing[*]}); building with ./mvnw -B -q -DskipTests install (a few minutes the first time)..." >&2
  (cd "$LFP_HOME" && ./mvnw -B -q -DskipTests install) >&2
fi

# The launcher jar's manifest puts target/lib (Jackson, pgjdbc) on the class path.
exec java -Dlfp.home="$LFP_HOME" -cp "$LFP_HOME/launcher/target/lfp-launcher.jar" io.lfp.cli.bench.Benchmark "$@"
