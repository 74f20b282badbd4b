#!/usr/bin/env bash
# End-to-end benchmark of abstracts on large generated dumps.
#
# Usage:  scripts/bench/run.sh [SIZE...]     (default: 500MB; e.g. 100MB 500MB 2GB)
#
# For each SIZE it generates a dump with internal/cmd/gendump (never
# committed), then runs `abstracts validate` and `abstracts export` (JSONL +
# zstd Parquet + Arrow, the defaults) RUNS times (default 3) under
# /usr/bin/time, and prints the median wall time, the MB/s of dump read,
# the median CPU time (user + system) and its cost per MB, CPU over wall
# time and the largest peak RSS. With node and scripts/readers/node_modules
# (scripts/readers/run.sh installs them) it also times DuckDB turning the
# exported JSONL into one zstd Parquet file, for reference.
#
# Environment: BENCH_DIR (default: a temporary folder, removed at the end;
# needs about 3.5x the largest SIZE of free disk), RUNS (default 3).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUNS=${RUNS:-3}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(500MB)
if [ -n "${BENCH_DIR:-}" ]; then
  DIR=$BENCH_DIR; mkdir -p "$DIR"
else
  DIR=$(mktemp -d); trap 'rm -rf "$DIR"' EXIT
fi

(cd "$ROOT" && go build -o "$DIR/abstracts" ./cmd/abstracts && go build -o "$DIR/gendump" ./internal/cmd/gendump)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure NAME BYTES CMD...: RUNS runs of CMD; prints a result line: the
# median wall time, the median CPU time (user + system) with its cost per
# MB of dump, CPU over wall time (how many cores were busy) and the
# largest peak RSS. On a machine shared with other jobs the wall times
# (and CPU over wall) are noisy; the CPU times much less so.
measure() {
  local name=$1 bytes=$2; shift 2
  local times=() cpus=() rss=0
  for _ in $(seq "$RUNS"); do
    # Each run writes into an empty folder: replacing the gigabytes of an
    # earlier run's files would charge their freeing to this run.
    rm -rf "$DIR/out"
    /usr/bin/time -f '%e %U %S %M' -o "$DIR/time.txt" "$@" >/dev/null 2>"$DIR/stderr.txt" || {
      echo "bench: $name failed:" >&2; tail -5 "$DIR/stderr.txt" >&2; exit 1; }
    local e u s r
    read -r e u s r < <(tail -1 "$DIR/time.txt")
    times+=("$e")
    cpus+=("$(echo "$u + $s" | bc -l)")
    [ "$r" -gt "$rss" ] && rss=$r
  done
  local t c
  t=$(printf '%s\n' "${times[@]}" | median)
  c=$(printf '%s\n' "${cpus[@]}" | median)
  printf '%-28s %8.2f s %8.1f MB/s %8.2f CPU-s %6.1f CPU-ms/MB %5.2f CPU/wall %8.1f MB peak RSS   (runs: %s; CPU: %s)\n' "$name" "$t" \
    "$(echo "$bytes / 1000000 / $t" | bc -l)" "$c" "$(echo "$c * 1000000000 / $bytes" | bc -l)" "$(echo "$c / $t" | bc -l)" \
    "$(echo "$rss / 1024" | bc -l)" "${times[*]}" "${cpus[*]}"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3)"
for size in "${SIZES[@]}"; do
  dump=$DIR/dump-$size.txt
  "$DIR/gendump" -size "$size" -seed 1 -o "$dump" 2>/dev/null
  bytes=$(stat -c %s "$dump")
  echo "== $size dump: $bytes bytes"
  measure "validate" "$bytes" "$DIR/abstracts" validate --quiet "$dump"
  measure "export (jsonl,parquet,arrow)" "$bytes" "$DIR/abstracts" export --quiet --out "$DIR/out" "$dump"
  ls -l "$DIR/out" | awk 'NR>1 {printf "   %-16s %14s bytes\n", $9, $5}'
  if command -v node >/dev/null && [ -d "$ROOT/scripts/readers/node_modules/@duckdb/node-api" ]; then
    t=$(/usr/bin/time -f '%e %U %S %M' -o "$DIR/time.txt" node "$ROOT/scripts/readers/duckdb-convert.mjs" "$DIR/out/papers.jsonl" "$DIR/duckdb.parquet")
    read -r _ u s r < <(tail -1 "$DIR/time.txt")
    # The CPU time and RSS are the node process's, startup included.
    printf '%-28s %8.2f s %8.1f MB/s %8.2f CPU-s %6.1f CPU-ms/MB %24.1f MB peak RSS   (JSONL -> zstd Parquet, one run)\n' "duckdb" "$t" \
      "$(echo "$bytes / 1000000 / $t" | bc -l)" "$(echo "$u + $s" | bc -l)" "$(echo "($u + $s) * 1000000000 / $bytes" | bc -l)" "$(echo "$r / 1024" | bc -l)"
  fi
  rm -rf "$DIR/out" "$dump" "$DIR/duckdb.parquet"
done
