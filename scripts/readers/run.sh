#!/usr/bin/env bash
# Check `abstracts export` output with independent readers.
#
# Usage:  scripts/readers/run.sh [DUMP]        (DUMP defaults to testdata/hf-papers-mar14.txt)
#
# The checks take the columns, their nullability and their expected types
# from `abstracts schema` (schema-columns.mjs for DuckDB, Arrow JS and
# Parquet; check_pandas.py for pandas), so a new field needs no script edit.
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
#      and exports the real captures of testdata/captures/ with default flags,
#      each alone and all three together (cap-*/, cap-all/), and a copy of
#      DUMP with URLs that RFC 3986 does not allow as written (urls/);
#   3. runs check.mjs (DuckDB on Parquet + JSONL, Arrow JS on Arrow, node on
#      the raw JSONL) and check_pandas.py (pandas.read_json; read_parquet and
#      read_feather only if pyarrow is importable) on every export, and
#      check-ajv.mjs (Ajv + ajv-formats, formats asserted) on every JSONL,
#      including an export of testdata/urls-rfc3986.txt (non-ASCII text,
#      brackets and CJK punctuation in URLs);
#   4. runs check-layouts.mjs (--layout hf, --partition-by, compressed JSONL).
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
export_to() { # NAME ARGS... (flags and inputs)
  local name=$1; shift
  if ! "$TMP/abstracts" export --out "$TMP/$name" "$@" 2> "$TMP/$name.stderr"; then
    echo "FAIL: abstracts export $* exited $?:"; cat "$TMP/$name.stderr"; fail=1; return 1
  fi
  tail -n 1 "$TMP/$name.stderr"
}
export_dir() { export_to "$@" "$DUMP"; } # NAME FLAGS...

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
  "$PYTHON" "$HERE/check_pandas.py" --dump "$DUMP_ABS" --source "$DUMP" --dir "$TMP/$1" --year "$2" \
     --schema-json "$TMP/schema.json" || fail=1
}
run_checks y2024  2024 ZSTD   NONE
run_checks noyear none ZSTD   NONE
run_checks snappy none SNAPPY ZSTD

# The real captures, with default flags: each alone and the three together.
# Every reader must give each column its schema type and the JSONL's values.
CAPTURES=("$ROOT/testdata/captures/firecrawl-search.md" "$ROOT/testdata/captures/notebooklm-search.txt"
          "$ROOT/testdata/captures/html-to-markdown-trending.md")
SAMPLE=paper_id,upvotes,comments,num_authors,github_stars,published_date,organization,submitted_by
capture_checks() { # DIR CAPTURE... [-- CHECK.MJS FLAGS...]
  local dir=$1; shift
  local caps=() extra=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do caps+=(--capture "$1"); shift; done
  [ $# -gt 0 ] && { shift; extra=("$@"); }
  [ -d "$TMP/$dir" ] || return
  node "$HERE/check.mjs" --dir "$TMP/$dir" --schema-json "$TMP/schema.json" "${caps[@]}" \
     --sample "$SAMPLE" "${extra[@]}" || fail=1
  "$PYTHON" "$HERE/check_pandas.py" --dir "$TMP/$dir" --schema-json "$TMP/schema.json" || fail=1
}
for c in "${CAPTURES[@]}"; do
  name=cap-$(basename "$c")
  export_to "$name" "$c"
  capture_checks "$name" "$c"
done
export_to cap-all "${CAPTURES[@]}"
# together, the three captures fill every column the cards carry
capture_checks cap-all "${CAPTURES[@]}" -- --nonnull "$SAMPLE"

# URLs that Go's url.Parse accepts but RFC 3986 does not (non-ASCII, brackets
# in a query, non-ASCII closing punctuation, an upper-case scheme), added to the
# first, second and last abstract of DUMP: their records must pass Ajv too.
"$PYTHON" - "$DUMP_ABS" "$TMP/urls.txt" <<'PY' || { echo "run.sh: cannot write the URL dump" >&2; exit 2; }
import sys
lines = open(sys.argv[1], encoding="utf-8", newline="").read().split("\n")
abstracts = [i for i in range(2, len(lines) - 1) if lines[i] and not lines[i - 1] and not lines[i + 1] and len(lines[i]) > 300]
for i, extra in zip((abstracts[0], abstracts[1], abstracts[-1]), (
        " See https://ja.wikipedia.org/wiki/東京。 and (https://example.org/q?a=[1]&b=é) and HTTPS://Example.com/Path»",
        " Code: https://github.com/users/alice/projects/1 and https://github.com:443/owner/repo.",
        " Data at https://example.org/データ/x，more, https://example.org/a_(b) and https://[::1]:8080/p.")):
    lines[i] += extra
open(sys.argv[2], "w", encoding="utf-8", newline="").write("\n".join(lines))
PY
export_to urls --year 2024 "$TMP/urls.txt"
export_to urls-fixture --year 2024 "$ROOT/testdata/urls-rfc3986.txt"
for u in 'https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC"' 'https://example.org/q?a=%5B1%5D&b=%C3%A9"' 'https://example.org/%E3%83%87%E3%83%BC%E3%82%BF/x"'; do
  grep -qF "$u" "$TMP/urls/papers.jsonl" || { echo "FAIL: urls/papers.jsonl has no $u"; fail=1; }
done

# Ajv with ajv-formats on every JSONL written above, against `abstracts schema`.
node "$HERE/check-ajv.mjs" --schema "$TMP/schema.json" "$TMP"/*/papers.jsonl || fail=1

node "$HERE/check-layouts.mjs" --bin "$TMP/abstracts" --dump "$DUMP_ABS" || fail=1

if [ "$fail" -ne 0 ]; then echo "run.sh: FAILED"; exit 1; fi
echo "run.sh: all reader checks passed"
