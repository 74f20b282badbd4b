#!/usr/bin/env bash
# Check `abstracts export` output with independent readers.
#
# Usage:  scripts/readers/run.sh [DUMP]        (DUMP defaults to testdata/hf-papers-mar14.txt)
#
# The checks take the columns, their nullability and their expected types
# from `abstracts schema` (schema-columns.mjs for DuckDB, Arrow JS, Parquet,
# Polars, arrow-rs and hyparquet; check_pandas.py for pandas), so a new field
# needs no script edit. Every reader's rows are compared, value by value in
# every column, with papers.jsonl as node's JSON.parse reads it: a null list
# is not [], and list items keep their order.
#
# Needs: go, node >= 20 with npm, and a python3 with pandas (PYTHON, default
# /usr/bin/python3; on Debian `apt-get install -y python3-pandas`). Node packages
# (@duckdb/node-api, apache-arrow, fzstd, ajv, ajv-formats, nodejs-polars with
# nodejs-polars-linux-x64-gnu, parquet-wasm, hyparquet; package.json) are
# installed from package-lock.json with `npm ci` when one is missing from
# node_modules, which is not committed. nodejs-polars-linux-x64-gnu is a direct
# dependency, pinned like nodejs-polars: as nodejs-polars' optional dependency
# npm skips it without a word on node 20 (it declares engines node >= 22), and
# it runs on node 20 all the same.
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
#      and the Papers API responses of testdata/captures/api/ (--style api,
#      detected): the three valid ones together with --listing-date name
#      (api/, every record dated) and without it (api-nodate/); the broken one
#      (daily-papers-2024-12-11.json: each item a string holding a Python
#      repr), repaired as a user would (python3: ast.literal_eval of each
#      string, json.dump(ensure_ascii=False, indent=2)) under its own file
#      name, with --listing-date name (api-repaired/, its 26 items must give
#      26 records); and a copy of 2025-03-14 edited here so that the list
#      columns hold null, [] and lists (api-lists/: item 1 ai_keywords [],
#      item 2 authors [], item 3 no ai_keywords);
#   3. runs check.mjs (DuckDB on Parquet + JSONL, Arrow JS on Arrow, node on
#      the raw JSONL) and check_pandas.py (pandas.read_json with the schema's
#      dtypes and as README.md and docs/python.md show it; read_parquet and
#      read_feather only if pyarrow is importable) on every export, and
#      check-ajv.mjs (Ajv + ajv-formats, formats asserted) on every JSONL,
#      including an export of testdata/urls-rfc3986.txt (non-ASCII text,
#      brackets and CJK punctuation in URLs);
#   4. runs check-polars.mjs (nodejs-polars: readParquet, readIPC of a Buffer,
#      scanIPC, scanJson with the schema's types), check-parquet-wasm.mjs
#      (arrow-rs through parquet-wasm, read back with Arrow JS) and
#      check-hyparquet.mjs (hyparquet parquetReadObjects) on every export;
#   5. runs check-layouts.mjs (--layout hf, --partition-by, compressed JSONL);
#   6. prints a table: each export, its rows, and each reader's result.
#
# Known limits of the readers, worked around and probed on every run (each
# script's header says more): nodejs-polars 0.25.2 readIPC(path) takes a
# string as a path only when it ends in ".ipc", so readIPC(".../papers.arrow")
# parses the path's own bytes and fails with "out-of-spec: InvalidFooter"
# (readIPC(Buffer) and scanIPC(path) read the file), and its readJSON(path,
# { format: "lines" }) throws "method is not a function" (scanJson reads
# JSONL); hyparquet decodes only SNAPPY by itself (ZSTD and GZIP need
# decompressors: fzstd and node:zlib here); pandas.read_json without a dtype
# for a list column gives NaN for its nulls (float64 when all are null), and
# for an integer column with nulls float64 (README.md's reading names no dtype
# for github_stars: 152.0 for 152 on the API export, reported as KNOWN LIMIT).
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
# npm ci when any dependency of package.json is missing from node_modules
if ! (cd "$HERE" && node -e '
  const fs = require("fs"), deps = Object.keys(require("./package.json").dependencies);
  process.exit(deps.every((d) => fs.existsSync(`node_modules/${d}/package.json`)) ? 0 : 1)'); then
  (cd "$HERE" && npm ci --no-audit --no-fund) || { echo "run.sh: npm ci failed" >&2; exit 2; }
fi
"$PYTHON" -c 'import pandas' || { echo "run.sh: $PYTHON has no pandas (apt-get install -y python3-pandas)" >&2; exit 2; }

"$TMP/abstracts" version
"$TMP/abstracts" schema > "$TMP/schema.json" || { echo "run.sh: abstracts schema failed" >&2; exit 2; }

fail=0
SUMMARY=$TMP/summary.tsv
# reader NAME DIR COMMAND...: runs one reader check, keeps its result for the table
reader() {
  local name=$1 dir=$2; shift 2
  if "$@"; then printf '%s\t%s\tok\n' "$dir" "$name" >> "$SUMMARY"
  else printf '%s\t%s\tFAIL\n' "$dir" "$name" >> "$SUMMARY"; fail=1; fi
}
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
  reader duckdb+arrowjs "$1" node "$HERE/check.mjs" --dump "$DUMP_ABS" --source "$DUMP" --dir "$TMP/$1" --year "$2" \
     --codec "$3" --arrow-codec "$4" --schema-json "$TMP/schema.json" --style text
  reader pandas "$1" "$PYTHON" "$HERE/check_pandas.py" --dump "$DUMP_ABS" --source "$DUMP" --dir "$TMP/$1" --year "$2" \
     --schema-json "$TMP/schema.json"
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
  reader duckdb+arrowjs "$dir" node "$HERE/check.mjs" --dir "$TMP/$dir" --schema-json "$TMP/schema.json" "${caps[@]}" \
     --sample "$SAMPLE" "${extra[@]}"
  reader pandas "$dir" "$PYTHON" "$HERE/check_pandas.py" --dir "$TMP/$dir" --schema-json "$TMP/schema.json"
}
for c in "${CAPTURES[@]}"; do
  name=cap-$(basename "$c")
  export_to "$name" "$c"
  capture_checks "$name" "$c"
done
export_to cap-all "${CAPTURES[@]}"
# together, the three captures fill every column the cards carry
capture_checks cap-all "${CAPTURES[@]}" -- --nonnull "$SAMPLE"

# The Papers API responses (--style api, detected from the JSON). Every
# record of api/ has a listing date: the date in its file's name.
API=$ROOT/testdata/captures/api
API_VALID=("$API/daily-papers-2024-06-03.json" "$API/daily-papers-2025-03-14.json" "$API/daily-papers-2026-08-20.json")
API_SAMPLE=paper_id,listing_date,num_authors,authors,ai_keywords,ai_summary,project_page
export_to api --listing-date name "${API_VALID[@]}"
capture_checks api "${API_VALID[@]}" -- --sample "$API_SAMPLE" --style api \
  --nonnull listing_date,paper_id,published_date,upvotes,num_authors,authors,ai_summary,ai_keywords,project_page,github_stars,organization
export_to api-nodate "${API_VALID[@]}"
capture_checks api-nodate "${API_VALID[@]}" -- --sample "$API_SAMPLE" --style api
api_dates() { # DIR MODE: listing_date is the file name's date (name), or that or null (nodate)
  node -e '
    const [file, mode] = process.argv.slice(1);
    const rows = require("fs").readFileSync(file, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
    const bad = rows.filter((r) => {
      const d = r.source.match(/(\d{4}-\d{2}-\d{2})\.json$/)[1];
      return !(r.listing_date === d || (mode === "nodate" && r.listing_date === null));
    });
    const nulls = rows.filter((r) => r.listing_date === null).length;
    console.log(`${file}: ${rows.length} records, listing_date null in ${nulls}, ${bad.length} not the date of their file name`);
    process.exit(bad.length || (mode === "name" && nulls) ? 1 : 0);' "$TMP/$1/papers.jsonl" "$2" || { echo "FAIL: $1 listing dates"; fail=1; }
}
[ -d "$TMP/api" ] && api_dates api name
[ -d "$TMP/api-nodate" ] && api_dates api-nodate nodate

# The broken response: its items are strings (Python reprs), not objects.
# Repaired as a user would, under its own name (for --listing-date name).
BROKEN=$API/daily-papers-2024-12-11.json
if "$TMP/abstracts" export --out "$TMP/api-broken" "$BROKEN" > /dev/null 2> "$TMP/api-broken.stderr"; then
  echo "note: the broken response exports as is"
else
  echo "the broken response as is: abstracts export exits $? ($(grep -c . "$TMP/api-broken.stderr") lines on stderr, the last: $(tail -n 1 "$TMP/api-broken.stderr"))"
fi
rm -rf "$TMP/api-broken"
mkdir -p "$TMP/inputs"
REPAIRED=$TMP/inputs/$(basename "$BROKEN")
"$PYTHON" - "$BROKEN" "$REPAIRED" <<'PY' || { echo "run.sh: cannot repair $BROKEN" >&2; exit 2; }
import ast, json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    items = json.load(f)
fixed = [ast.literal_eval(item) if isinstance(item, str) else item for item in items]
assert all(isinstance(item, dict) for item in fixed), "an item is not an object after literal_eval"
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(fixed, f, ensure_ascii=False, indent=2)
print(f"repaired {sys.argv[1]}: {sum(isinstance(i, str) for i in items)} of {len(items)} items were strings; wrote {len(fixed)} objects")
PY
export_to api-repaired --listing-date name "$REPAIRED"
capture_checks api-repaired "$REPAIRED" -- --sample "$API_SAMPLE" --style api --nonnull listing_date,authors
if [ -f "$TMP/api-repaired/papers.jsonl" ]; then
  items=$("$PYTHON" -c 'import json, sys; print(len(json.load(open(sys.argv[1], encoding="utf-8"))))' "$REPAIRED")
  recs=$(wc -l < "$TMP/api-repaired/papers.jsonl")
  if [ "$items" -eq 26 ] && [ "$recs" -eq "$items" ]; then echo "api-repaired: $items items, $recs records"
  else echo "FAIL: api-repaired: $items items (want 26), $recs records"; fail=1; fi
  api_dates api-repaired name
else
  echo "FAIL: api-repaired: no export"; fail=1
fi

# The list columns null, [] and filled in one file: a copy of 2025-03-14 with
# item 1's ai_keywords [], item 2's authors [] and item 3's ai_keywords removed.
LISTS=$TMP/inputs/lists/daily-papers-2025-03-14.json
mkdir -p "$TMP/inputs/lists"
"$PYTHON" - "$API/daily-papers-2025-03-14.json" "$LISTS" <<'PY' || { echo "run.sh: cannot write $LISTS" >&2; exit 2; }
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    items = json.load(f)
items[0]["paper"]["ai_keywords"] = []
items[1]["paper"]["authors"] = []
del items[2]["paper"]["ai_keywords"]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(items, f, ensure_ascii=False, indent=2)
PY
export_to api-lists "$LISTS"
capture_checks api-lists "$LISTS" -- --sample "$API_SAMPLE" --style api
if [ -f "$TMP/api-lists/papers.jsonl" ]; then
  node -e '
    const rows = require("fs").readFileSync(process.argv[1], "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
    const got = JSON.stringify([rows[0].ai_keywords, rows[1].authors, rows[2].ai_keywords]);
    console.log(`api-lists: row 1 ai_keywords, row 2 authors, row 3 ai_keywords: ${got}`);
    process.exit(got === "[[],[],null]" ? 0 : 1);' "$TMP/api-lists/papers.jsonl" || { echo "FAIL: api-lists: want [[],[],null]"; fail=1; }
fi

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
for f in "$TMP"/*/papers.jsonl; do
  reader ajv "$(basename "$(dirname "$f")")" node "$HERE/check-ajv.mjs" --schema "$TMP/schema.json" "$f"
done

# Polars, arrow-rs (parquet-wasm) and hyparquet on every export.
for d in "$TMP"/*/; do
  d=${d%/}
  [ -f "$d/papers.jsonl" ] && [ -f "$d/papers.parquet" ] && [ -f "$d/papers.arrow" ] || continue
  name=$(basename "$d")
  reader polars "$name" node "$HERE/check-polars.mjs" --schema-json "$TMP/schema.json" --dir "$d"
  reader arrow-rs "$name" node "$HERE/check-parquet-wasm.mjs" --schema-json "$TMP/schema.json" --dir "$d"
  reader hyparquet "$name" node "$HERE/check-hyparquet.mjs" --schema-json "$TMP/schema.json" --dir "$d"
done

reader duckdb-layouts layouts node "$HERE/check-layouts.mjs" --bin "$TMP/abstracts" --dump "$DUMP_ABS"

# The table: each export, its records, and each reader's result.
"$PYTHON" - "$SUMMARY" "$TMP" <<'PY'
import collections, os, sys
res = collections.OrderedDict()
readers = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        d, r, ok = line.rstrip("\n").split("\t")
        res.setdefault(d, {})[r] = ok
        if r not in readers:
            readers.append(r)
w = max(len(d) for d in res) + 2
print()
print("export".ljust(w) + "rows  " + "  ".join(readers))
for d, rr in res.items():
    jl = os.path.join(sys.argv[2], d, "papers.jsonl")
    n = sum(1 for _ in open(jl, encoding="utf-8")) if os.path.exists(jl) else "-"
    print(d.ljust(w) + str(n).rjust(4) + "  " + "  ".join(rr.get(r, "-").ljust(len(r)) for r in readers).rstrip())
PY

if [ "$fail" -ne 0 ]; then echo "run.sh: FAILED"; exit 1; fi
echo "run.sh: all reader checks passed"
