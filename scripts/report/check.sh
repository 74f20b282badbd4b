#!/usr/bin/env bash
# Open `abstracts report` pages in headless Chromium (Debian's chromium
# package) and take screenshots of each in the light and the dark colour
# scheme; fail if a page logs a console error or warning, throws, or makes
# any request (check.mjs aborts and reports every request but the page's
# own, with JavaScript off).
#
# Usage:  scripts/report/check.sh [OUTDIR]
#
# It builds ./cmd/abstracts and writes three reports into a temporary
# folder: the bundled valid dump (testdata/hf-papers-mar14.txt, --year
# 2024); an invalid dump made from it here (a control character, a lost
# blank line, a cut abstract, a trailing space, a file name with a space);
# and the three real captures of testdata/captures (Markdown and NotebookLM
# styles), whose cards carry upvotes, publication dates and organizations. The
# screenshots, NAME-light.png, NAME-dark.png and NAME-print.png (print
# media, dark scheme asked for), go to OUTDIR (default: a temporary
# folder, printed at the end).
#
# Needs: go, chromium (apt-get install chromium; CHROMIUM names another
# binary), and node >= 18 with npm: puppeteer-core is installed from
# package-lock.json with `npm ci` when node_modules is missing; it drives
# the installed Chromium and downloads no browser. node_modules is not
# committed.
#
# Exit status: 0 when every page passed, 1 when one did not, 2 on a setup
# error.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${1:-$(mktemp -d)}
mkdir -p "$out" || exit 2

command -v "${CHROMIUM:-chromium}" >/dev/null || { echo "check.sh: chromium not found (apt-get install chromium)" >&2; exit 2; }
if [ ! -d "$here/node_modules/puppeteer-core" ]; then
	(cd "$here" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund >&2) || exit 2
fi
(cd "$root" && go build -o "$work/abstracts" ./cmd/abstracts) || exit 2

# The valid dump: exit status 0.
(cd "$root" && "$work/abstracts" report --out "$work/valid.html" --year 2024 testdata/hf-papers-mar14.txt) ||
	{ echo "check.sh: report of the valid dump failed" >&2; exit 2; }

# The invalid dump: a control character (ESC) in the first abstract, the
# blank line after the second title gone, the last abstract cut short, a
# trailing space on the date line. Exit status 1.
bad="$work/broken dump.txt"
awk 'NR == 9 { $0 = $0 " " }
     NR == 13 { sub(/ego vehicle/, "ego \033[31mvehicle") }
     NR == 16 { next }
     { print }' "$root/testdata/hf-papers-mar14.txt" | head -n -1 >"$bad"
printf 'A short cut abstract\n' >>"$bad"
(cd "$work" && ./abstracts report --out invalid.html "$(basename "$bad")")
status=$?
[ "$status" -eq 1 ] || { echo "check.sh: report of the invalid dump exited $status, want 1" >&2; exit 2; }

# The real captures of today's cards, with upvotes, publication dates and
# organizations, in their three styles. Exit status 0.
(cd "$root" && "$work/abstracts" report --out "$work/upvotes.html" testdata/captures/firecrawl-search.md \
	testdata/captures/html-to-markdown-trending.md testdata/captures/notebooklm-search.txt) ||
	{ echo "check.sh: report of the captures failed" >&2; exit 2; }

CHROMIUM=${CHROMIUM:-$(command -v chromium)} node "$here/check.mjs" "$out" "$work/valid.html" "$work/invalid.html" "$work/upvotes.html"
status=$?
echo "screenshots in $out"
exit "$status"
