#!/usr/bin/env bash
# The benchmark: bench/run.sh [ROWS] [--throwaway] [--no-reupload] [--no-warm] [--reads | --reads-only [ROWS]]
#                [--read-clients N] [--read-seconds S] [--workers N] [--chunk-size BYTES] [--seed N]
#                [--keep-file] [--keep] [--note TEXT]
# Generates a products file of ROWS rows (default 500000) and a second one sharing no product under
# bench/work/, starts a private stack on free ports whose PostgreSQL is created exactly as ./lfp up creates
# .lfp/data (durable; data in bench/work/stack/data, deleted at the end; --throwaway: the ephemeral no-fsync
# test configuration), and measures end to end (first upload byte to exact counts): (1) the first upload on
# cold services, (2) an identical re-upload, (3) a first upload of the second file on the warm services;
# then the by-hand baseline (COPY + set upsert + counts) on the same PostgreSQL. Samples the disk used,
# prints a table and writes bench/results/<UTC>-<ROWS>.json (git-ignored; with --keep bench/results/kept/,
# to commit). The work is done by io.lfp.cli.bench.Benchmark (launcher module); bench/README.md says more.
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
# The bench streams every file (generator, upload, COPY) and pulls no table into memory: a small heap is enough at 50M rows.
exec java -Xmx512m -Dlfp.home="$LFP_HOME" -cp "$LFP_HOME/launcher/target/lfp-launcher.jar" io.lfp.cli.bench.Benchmark "$@"
