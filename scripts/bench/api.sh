#!/usr/bin/env bash
# Benchmark of abstracts on a generated Papers API archive, with DuckDB
# beside it in the same runs.
#
# Usage:  scripts/bench/api.sh
#
# It builds abstracts and gendump once, generates an archive of DAYS daily
# responses (default 580, as the real archive: 2024-05 to 2026-08, some
# 9,600 items, 26-182 KB a file, json.dump-indented) and one JSON Lines
# file of JSONL_SIZE (default 200MB), then runs, RUNS times (default 3),
# alternating within each round:
#
#   on the archive (DIR/*.json, every file named on the command line):
#     ours-parquet   abstracts export --out OUT --format parquet --quiet DIR/*.json
#     ours-all       abstracts export --out OUT --quiet DIR/*.json   (JSONL + Parquet + Arrow)
#     duckdb-all     COPY (SELECT * FROM read_json('DIR/*.json', union_by_name=true))
#                    TO 'x.parquet' (FORMAT parquet, COMPRESSION zstd)
#     duckdb-flat    the same COPY of the columns abstracts writes, flattened
#                    (scripts/bench/duckdb-api.mjs flat)
#   on the JSONL file:
#     ours-validate  abstracts validate --quiet FILE
#     duckdb-load    CREATE TABLE AS SELECT * FROM read_json(FILE, union_by_name=true)
#     ours-jsonl-parquet, duckdb-jsonl-all: the export and COPY above on FILE
#
# each under /usr/bin/time -v (wall, user + system CPU, peak RSS), each
# export into an empty folder. It prints every run, then the medians (wall
# and CPU; peak RSS: the largest of the runs), the ratios ours / DuckDB and
# a Markdown table. DuckDB runs in node (@duckdb/node-api from
# scripts/readers/node_modules, installed with npm ci when missing); its
# times are the node process's, startup included, with the statement's
# own time beside them.
#
# The machine may be shared (other builds and tests): before each run the
# script waits, up to QUIET_WAIT seconds (default 120), for a second in
# which other processes use less than a fifth of a core; a run during which
# they took more than a tenth of a core is run again (three tries at most),
# and each run's line says how much CPU time they took while it ran
# ("others").
#
# Environment: BENCH_DIR (default: a temporary folder, removed at the end;
# needs about 1 GB), RUNS (3), DAYS (580), JSONL_SIZE (200MB), SEED (1),
# QUIET_WAIT (120).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUNS=${RUNS:-3}
DAYS=${DAYS:-580}
JSONL_SIZE=${JSONL_SIZE:-200MB}
SEED=${SEED:-1}
QUIET_WAIT=${QUIET_WAIT:-120}
if [ -n "${BENCH_DIR:-}" ]; then
  DIR=$BENCH_DIR; mkdir -p "$DIR"
else
  DIR=$(mktemp -d); trap 'rm -rf "$DIR"' EXIT
fi
for tool in node /usr/bin/time bc; do
  command -v "$tool" >/dev/null || { echo "api.sh: needs $tool" >&2; exit 2; }
done
if [ ! -d "$ROOT/scripts/readers/node_modules/@duckdb/node-api" ]; then
  (cd "$ROOT/scripts/readers" && npm ci --no-audit --no-fund >/dev/null)
fi

(cd "$ROOT" && go build -o "$DIR/abstracts" ./cmd/abstracts && go build -o "$DIR/gendump" ./internal/cmd/gendump)
rm -rf "$DIR/days" "$DIR/res"
mkdir -p "$DIR/res"
"$DIR/gendump" -api -days "$DAYS" -seed "$SEED" -out "$DIR/days"
"$DIR/gendump" -api -jsonl -size "$JSONL_SIZE" -seed "$SEED" -out "$DIR/items.jsonl"
archive_bytes=$(cat "$DIR"/days/*.json | wc -c)
jsonl_bytes=$(stat -c %s "$DIR/items.jsonl")
DUCK=("node" "$HERE/duckdb-api.mjs")

# seconds H:MM:SS.ss | M:SS.ss: the seconds of /usr/bin/time -v's wall time.
seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f\n", s }' <<<"$1"; }

# busy: the CPU seconds the whole machine has spent busy since boot.
TICK=$(getconf CLK_TCK)
busy() { awk -v t="$TICK" '/^cpu / {printf "%.2f\n", ($2 + $3 + $4 + $7 + $8 + $9) / t}' /proc/stat; }

# quiet: waits, at most QUIET_WAIT seconds, for a second in which the
# machine is busy less than a fifth of a core.
quiet() {
  local waited=0 b0 b1
  while [ "$waited" -lt "$QUIET_WAIT" ]; do
    b0=$(busy); sleep 1; b1=$(busy)
    [ "$(echo "$b1 - $b0 < 0.2" | bc -l)" = 1 ] && return
    waited=$((waited + 1))
  done
  echo "  (machine still busy after ${QUIET_WAIT}s; running anyway)"
}

# run NAME CMD...: one run of CMD under /usr/bin/time -v, into an empty
# output folder, once the machine is quiet; a run during which other
# processes took more than a tenth of a core (and 0.1 CPU-s) is run again,
# up to three tries. Appends "wall cpu rss_kb statement_s others_cpu" to
# res/NAME.
run() {
  local name=$1; shift
  local try b0 b1 wall user sys cpu rss stmt others
  for try in 1 2 3; do
    rm -rf "$DIR/out" "$DIR/duck.parquet"
    quiet
    b0=$(busy)
    if ! /usr/bin/time -v -o "$DIR/time.txt" "$@" >"$DIR/stdout.txt" 2>"$DIR/stderr.txt"; then
      echo "api.sh: $name failed:" >&2; tail -5 "$DIR/stderr.txt" >&2; exit 1
    fi
    b1=$(busy)
    wall=$(seconds "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$DIR/time.txt")")
    user=$(sed -n 's/.*User time (seconds): //p' "$DIR/time.txt")
    sys=$(sed -n 's/.*System time (seconds): //p' "$DIR/time.txt")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$DIR/time.txt")
    cpu=$(echo "$user + $sys" | bc -l | awk '{printf "%.2f", $1}')
    stmt=-
    case $name in duckdb*) stmt=$(tail -1 "$DIR/stdout.txt") ;; esac
    others=$(echo "$b1 - $b0 - $cpu" | bc -l | awk '{printf "%.2f", $1 < 0 ? 0 : $1}')
    if [ "$try" -lt 3 ] && [ "$(echo "$others > 0.1 && $others > 0.1 * $wall" | bc -l)" = 1 ]; then
      printf '  %-20s (others took %s CPU-s during the run: again)\n' "$name" "$others"
      continue
    fi
    break
  done
  echo "$wall $cpu $rss $stmt $others" >>"$DIR/res/$name"
  printf '  %-20s wall %6.2f s  CPU %6.2f s  peak RSS %7.1f MB  others %5.2f CPU-s%s\n' "$name" "$wall" "$cpu" \
    "$(echo "$rss / 1024" | bc -l)" "$others" "$([ "$stmt" = - ] || echo "  (statement $stmt s)")"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), node $(node --version), @duckdb/node-api $(node -p "require('$ROOT/scripts/readers/node_modules/@duckdb/node-api/package.json').version")"
echo "archive: $DAYS files, $archive_bytes bytes; JSONL: $jsonl_bytes bytes"
for round in $(seq "$RUNS"); do
  echo "== round $round"
  run ours-parquet "$DIR/abstracts" export --out "$DIR/out" --format parquet --quiet "$DIR"/days/*.json
  run ours-all "$DIR/abstracts" export --out "$DIR/out" --quiet "$DIR"/days/*.json
  run duckdb-all "${DUCK[@]}" all "$DIR/days/*.json" "$DIR/duck.parquet"
  run duckdb-flat "${DUCK[@]}" flat "$DIR/days/*.json" "$DIR/duck.parquet"
  run ours-validate "$DIR/abstracts" validate --quiet "$DIR/items.jsonl"
  run duckdb-load "${DUCK[@]}" load "$DIR/items.jsonl"
  run ours-jsonl-parquet "$DIR/abstracts" export --out "$DIR/out" --format parquet --quiet "$DIR/items.jsonl"
  run duckdb-jsonl-all "${DUCK[@]}" all "$DIR/items.jsonl" "$DIR/duck.parquet"
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { awk -v c="$2" '{print $c}' "$DIR/res/$1"; }
med() { col "$1" "$2" | median; }
peak() { col "$1" 3 | sort -n | tail -1 | awk '{printf "%.0f", $1/1024}'; }
ratio() { echo "$1 / $2" | bc -l | awk '{printf "%.2f", $1}'; }
# rratio A B COL: the median over the rounds of A's COL over B's in the
# same round, which the machine's drift between rounds does not move.
rratio() { paste -d' ' <(col "$1" "$3") <(col "$2" "$3") | awk '{print $1 / $2}' | median | awk '{printf "%.2f", $1}'; }

echo "== medians of $RUNS runs (peak RSS: the largest)"
for name in ours-parquet ours-all duckdb-all duckdb-flat ours-validate duckdb-load ours-jsonl-parquet duckdb-jsonl-all; do
  stmt=""
  case $name in duckdb*) stmt="  statement $(med "$name" 4) s" ;; esac
  printf '%-20s wall %6.2f s  CPU %6.2f s  peak RSS %5s MB%s\n' "$name" "$(med "$name" 1)" "$(med "$name" 2)" "$(peak "$name")" "$stmt"
done
echo "== ratios ours / DuckDB: of the medians (wall, CPU), and the median of each round's (wall, CPU)"
for pair in ours-parquet:duckdb-all ours-parquet:duckdb-flat ours-all:duckdb-all ours-all:duckdb-flat \
  ours-validate:duckdb-load ours-jsonl-parquet:duckdb-jsonl-all; do
  a=${pair%%:*} b=${pair##*:}
  printf '%-20s / %-18s wall %5s×  CPU %5s×   per round: wall %5s×  CPU %5s×\n' "$a" "$b" \
    "$(ratio "$(med "$a" 1)" "$(med "$b" 1)")" "$(ratio "$(med "$a" 2)" "$(med "$b" 2)")" "$(rratio "$a" "$b" 1)" "$(rratio "$a" "$b" 2)"
done

echo "== Markdown"
mb() { echo "$1 / 1000000" | bc -l | awk '{printf "%.0f", $1}'; }
row() { # row LABEL NAME PEER
  printf '| %s | %s s | %s s | %s MB | %s s | %s s | %s MB | %s× (%s×) | %s× (%s×) |\n' "$1" \
    "$(med "$2" 1)" "$(med "$2" 2)" "$(peak "$2")" "$(med "$3" 1)" "$(med "$3" 2)" "$(peak "$3")" \
    "$(ratio "$(med "$2" 1)" "$(med "$3" 1)")" "$(rratio "$2" "$3" 1)" "$(ratio "$(med "$2" 2)" "$(med "$3" 2)")" "$(rratio "$2" "$3" 2)"
}
echo "| input: ours / DuckDB | ours: wall | CPU | peak RSS | DuckDB: wall | CPU | peak RSS | wall ratio (per round) | CPU ratio (per round) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
row "archive ($DAYS files, $(mb "$archive_bytes") MB): \`export --format parquet\` / DuckDB \`SELECT *\`" ours-parquet duckdb-all
row "archive: \`export --format parquet\` / DuckDB flattened columns" ours-parquet duckdb-flat
row "archive: \`export\` (JSONL + Parquet + Arrow) / DuckDB \`SELECT *\`" ours-all duckdb-all
row "archive: \`export\` (JSONL + Parquet + Arrow) / DuckDB flattened columns" ours-all duckdb-flat
row "JSONL ($(mb "$jsonl_bytes") MB): \`validate\` / DuckDB \`CREATE TABLE AS SELECT *\`" ours-validate duckdb-load
row "JSONL: \`export --format parquet\` / DuckDB \`SELECT *\`" ours-jsonl-parquet duckdb-jsonl-all
