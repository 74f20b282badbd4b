#!/usr/bin/env bash
# Check `abstracts export` output with independent readers.
#
# Usage:  scripts/readers/run.sh [DUMP]        (DUMP defaults to testdata/hf-papers-mar14.txt)
#
# Needs: go, node >= 18 with npm, and a python3 with pandas (PYTHON, default
# /usr/bin/python3; on Debian `apt-get install -y python3-pandas`). Node packages
# (@duckdb/node-api, apache-arrow, fzstd, ajv, ajv-formats) are installed from package-lock.json
# with `npm ci` when node_modules is missing; node_modules is not committed.
#
# What it does, in a temporary directory that is removed afterwards:
#   1. builds ./cmd/abstracts;
#   2. exports DUMP three times:
#        y2024/  --year 2024                                  (zstd Parquet, uncompressed Arrow)
#        noyear/ no --year                                    (listing_date must be null)
#        snappy/ --compression snappy --arrow-compression zstd
#      and exports y2024 a second time to check the outputs are byte-identical;
#   3. runs check.mjs (DuckDB on Parquet + JSONL, Arrow JS on Arrow, node on
#      the raw JSONL) and check_pandas.py (pandas.read_json; read_parquet and
#      read_feather only if pyarrow is importable) on every export;
#   4. runs check-ajv.mjs (Ajv with ajv-formats: "format": "uri" and "date"
#      asserted) on every JSONL, and on an export of testdata/urls-rfc3986.txt,
#      whose URLs hold non-ASCII text, brackets and CJK punctuation.
# Exit status: 0 when every check passes, 1 on any mismatch, 2 on a setup error.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DUMP=${1:-$ROOT/testdata/hf-papers-mar14.txt}
PYTHON=${PYTHON:-/usr/bin/python3}
[ -r "$DUMP" ] || { echo "run.sh: cannot read $DUMP" >&2; exit 2; }
# records keep the dump path as given (relative to the caller's directory)
DUMP_ABS=$(cd "$(dirname "$DUMP")" && pwd)/$(basename "$DUMP")

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

(cd "$ROOT" && go build -o "$TMP/abstracts" ./cmd/abstracts) || { echo "run.sh: go build failed" >&2; exit 2; }
if [ ! -d "$HERE/node_modules/@duckdb/node-api" ] || [ ! -d "$HERE/node_modules/apache-arrow" ] || [ ! -d "$HERE/node_modules/fzstd" ] ||
   [ ! -d "$HERE/node_modules/ajv" ] || [ ! -d "$HERE/node_modules/ajv-formats" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund) || { echo "run.sh: npm ci failed" >&2; exit 2; }
fi
"$PYTHON" -c 'import pandas' || { echo "run.sh: $PYTHON has no pandas (apt-get install -y python3-pandas)" >&2; exit 2; }

"$TMP/abstracts" version
"$TMP/abstracts" schema > "$TMP/schema.json" || { echo "run.sh: abstracts schema failed" >&2; exit 2; }

fail=0
export_dir() { # NAME ARGS...
  local name=$1; shift
  if ! "$TMP/abstracts" export --out "$TMP/$name" "$@" "$DUMP" 2> "$TMP/$name.stderr"; then
    echo "FAIL: abstracts export $* exited $?:"; cat "$TMP/$name.stderr"; fail=1; return 1
  fi
  tail -n 1 "$TMP/$name.stderr"
}

export_dir y2024  --year 2024
export_dir y2024b --year 2024
export_dir noyear
export_dir snappy --compression snappy --arrow-compression zstd

for f in papers.jsonl papers.parquet papers.arrow; do
  if cmp -s "$TMP/y2024/$f" "$TMP/y2024b/$f"; then
    echo "deterministic: two --year 2024 exports give byte-identical $f"
  else
    echo "FAIL: two --year 2024 exports differ in $f"; fail=1
  fi
done

run_checks() { # DIR YEAR PARQUET-CODEC ARROW-CODEC
  [ -d "$TMP/$1" ] || return
  node "$HERE/check.mjs" --dump "$DUMP_ABS" --source "$DUMP" --dir "$TMP/$1" --year "$2" \
     --codec "$3" --arrow-codec "$4" --schema-json "$TMP/schema.json" || fail=1
  "$PYTHON" "$HERE/check_pandas.py" --dump "$DUMP_ABS" --source "$DUMP" --dir "$TMP/$1" --year "$2" || fail=1
}
run_checks y2024  2024 ZSTD   NONE
run_checks noyear none ZSTD   NONE
run_checks snappy none SNAPPY ZSTD

if "$TMP/abstracts" export --out "$TMP/urls" --year 2024 "$ROOT/testdata/urls-rfc3986.txt" 2> "$TMP/urls.stderr"; then
  tail -n 1 "$TMP/urls.stderr"
else
  echo "FAIL: abstracts export testdata/urls-rfc3986.txt:"; cat "$TMP/urls.stderr"; fail=1
fi
jsonl=()
for d in y2024 noyear snappy urls; do [ -f "$TMP/$d/papers.jsonl" ] && jsonl+=("$TMP/$d/papers.jsonl"); done
node "$HERE/check-ajv.mjs" --schema "$TMP/schema.json" "${jsonl[@]}" || fail=1

if [ "$fail" -ne 0 ]; then echo "run.sh: FAILED"; exit 1; fi
echo "run.sh: all reader checks passed"
