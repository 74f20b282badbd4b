#!/usr/bin/env bash
# Feed `abstracts validate` and `abstracts export` inputs that are not dumps,
# or are dumps taken to extremes, and print for each the exit status, the
# first diagnostic, the wall time and the peak memory (/usr/bin/time -v).
#
# Usage: scripts/hostile/run.sh        (needs go, python3 and about 1.2 GB of disk)
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIR=$(mktemp -d); trap 'rm -rf "$DIR"' EXIT
(cd "$ROOT" && go build -o "$DIR/abstracts" ./cmd/abstracts) || exit 2

python3 - "$DIR" <<'PY'
import gzip, os, sys
d = sys.argv[1]
w = lambda name, data: open(os.path.join(d, name), "wb").write(data)
with open(os.path.join(d, "line-1gb.txt"), "wb") as f:
    f.write(b"Mar 14\n\n")
    chunk = b"a" * (1 << 20)
    for _ in range(1024):
        f.write(chunk)
w("paragraphs-1m.txt", b"Mar 14\n\n" + b"word\n\n" * 1_000_000)
w("blank-100k.txt", b"\n" * 100_000)
w("chrome-only.txt", b"new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n")
w("utf16.txt", "new\n\nMar 14\n".encode("utf-16"))
w("dump.txt.gz", gzip.compress(b"new\n\nMar 14\n"))
w("latin1.txt", "Mar 14\n\nLight Schrödinger Bridge\n\n".encode("latin-1") + b"x" * 200 + b".\n")
w("escapes.txt", b"Mar 14\n\nTitle \x1b[2J\x1b[31mred\n\n" + b"word " * 40 + b"end.\n")
os.mkdir(os.path.join(d, "a-folder"))
PY

run() { # NAME ARGS...
  local name=$1; shift
  /usr/bin/time -v -o "$DIR/time" "$DIR/abstracts" "$@" >"$DIR/out" 2>"$DIR/err"
  local status=$?
  local secs rss first
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$DIR/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$DIR/time")
  first=$(cat "$DIR/out" "$DIR/err" | head -1 | cut -c1-110)
  printf '| %s | %s | %ss | %s MB | `%s` |\n' "$name" "$status" "$secs" "$rss" "$first"
}

echo "| input | exit | time | peak RSS | first line of output |"
echo "| --- | --- | --- | --- | --- |"
run "1 GB line, no newline" validate "$DIR/line-1gb.txt"
run "1,000,000 one-word paragraphs" validate "$DIR/paragraphs-1m.txt"
run "1,000,000 one-word paragraphs, --max-errors 0" validate --max-errors 0 "$DIR/paragraphs-1m.txt"
run "100,000 blank lines" validate "$DIR/blank-100k.txt"
run "only page chrome" validate "$DIR/chrome-only.txt"
run "UTF-16" validate "$DIR/utf16.txt"
run "Latin-1" validate "$DIR/latin1.txt"
run "gzip given by mistake" validate "$DIR/dump.txt.gz"
run "a folder given as a file" validate "$DIR/a-folder"
run "/dev/zero" validate /dev/zero
run "/dev/zero through export" export --out "$DIR/out-zero" /dev/zero
run "terminal escapes in a title" validate "$DIR/escapes.txt"
run "a missing file" validate "$DIR/nosuch.txt"
ls -A "$DIR" | grep -q '^out-zero$' && echo "export left $DIR/out-zero behind" || echo "export of /dev/zero left nothing behind"
