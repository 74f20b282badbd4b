#!/usr/bin/env bash
# Check `abstracts validate --output-format sarif` with Microsoft's SARIF
# validator, the SARIF Multitool's `validate` command.
#
# Usage:  scripts/sarif/check.sh [SARIF...]
#
# Without arguments it builds ./cmd/abstracts and writes SARIF logs for a set
# of dumps made here (the bundled valid dump; a broken dump with errors and
# warnings, control characters and non-ASCII text, under a path with a space
# and a comma; the same with --strict; a dump that is missing; standard
# input), then validates each. With arguments it validates the given files.
#
# Needs: go, and node >= 18 with npm. The npm package @microsoft/sarif-multitool
# ships the validator as a self-contained Linux, macOS or Windows binary
# (no .NET install needed); it is installed from package-lock.json with
# `npm ci` when node_modules is missing. node_modules is not committed.
#
# Every validator rule runs (--level "Error;Warning;Note"). The check fails
# on any error or warning; notes are listed and counted but pass. The notes
# that remain are by design: SARIF2002 (message ids instead of text),
# SARIF2003 (version control provenance: unknown to the tool), SARIF2006
# (URIs not reachable: this machine has no network), SARIF2009 (rule ids
# like "CS2001": the codes are part of the command-line contract), SARIF2010
# and SARIF2011 (code snippets and context regions), SARIF2016 (absolute
# paths, when the dump was named by one).
#
# Exit status: 0 when every log has no error and no warning, 1 when one has,
# 2 on a setup error.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if [ ! -d "$HERE/node_modules/@microsoft/sarif-multitool" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund) || { echo "check.sh: npm ci failed" >&2; exit 2; }
fi
# The package's index gives the path of the binary for this platform; its bin
# script runs it through a shell, which would split ";" lists, so call it
# directly. npm may skip the postinstall that makes it executable.
MULTITOOL=$(cd "$HERE" && node -p "require('@microsoft/sarif-multitool')") || { echo "check.sh: no multitool binary" >&2; exit 2; }
chmod u+x "$MULTITOOL" 2>/dev/null
"$MULTITOOL" --version >/dev/null 2>&1 || { echo "check.sh: $MULTITOOL does not run" >&2; exit 2; }

if [ $# -gt 0 ]; then
  logs=()
  for f in "$@"; do logs+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"); done
else
  (cd "$ROOT" && go build -o "$TMP/abstracts" ./cmd/abstracts) || { echo "check.sh: go build failed" >&2; exit 2; }
  mkdir -p "$TMP/work/dumps"
  cd "$TMP/work" || exit 2
  long=$(printf 'In trajectory forecasting tasks for traffic, future output trajectories can be computed by advancing the ego vehicle state with predicted actions according to a kinematics model.')
  {
    printf 'Mar 14 \n\n'
    printf 'Light Schr\xc3\xb6dinger Bridge with $ell_infty$ Bounds\n\n'
    printf '%s Code: https://github.com/ngushchin/LightSB{https://github.com/ngushchin/LightSB}.\n\n' "$long"
    printf 'Deep Stochastic\x07 Kinematic Models \xe6\xb7\xb1\xe5\xba\xa6\n\n'
    printf 'Too short.\n\n'
    printf '  Indented %s\n' "$long"
  } > "dumps/mar 14,v1.txt"
  cp "$ROOT/testdata/hf-papers-mar14.txt" dumps/valid.txt

  run() { # NAME ARGS... : writes NAME.sarif; exit 0 or 1 (an invalid dump) or 2 (a missing dump) are all expected
    local name=$1; shift
    "$TMP/abstracts" validate --output-format sarif "$@" > "$TMP/$name.sarif" 2> "$TMP/$name.stderr"
    local status=$?
    if [ "$status" -gt 2 ] || [ ! -s "$TMP/$name.sarif" ]; then
      echo "FAIL: abstracts validate --output-format sarif $* exited $status"; cat "$TMP/$name.stderr"; exit 1
    fi
    echo "wrote $name.sarif: abstracts validate --output-format sarif $* (exit $status; $(tail -n 1 "$TMP/$name.stderr"))"
  }
  run valid   dumps/valid.txt
  run broken  "dumps/mar 14,v1.txt" dumps/valid.txt
  run strict  --strict "dumps/mar 14,v1.txt"
  run missing dumps/valid.txt dumps/missing.txt
  run stdin   - < "dumps/mar 14,v1.txt"
  run absolute "$TMP/work/dumps/mar 14,v1.txt"
  logs=("$TMP"/*.sarif)
fi

fail=0
for log in "${logs[@]}"; do
  out="$TMP/validation-$(basename "$log")"
  "$MULTITOOL" validate --level "Error;Warning;Note" --log "ForceOverwrite;PrettyPrint" --output "$out" "$log" > "$out.console" 2>&1
  status=$?
  if [ "$status" -ne 0 ] || [ ! -s "$out" ]; then
    echo "FAIL: $(basename "$log"): the validator exited $status"; cat "$out.console"; fail=1; continue
  fi
  # Count the validator's findings by level and rule.
  node -e '
    const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const counts = {}; let bad = 0;
    for (const run of log.runs) {
      for (const r of run.results || []) {
        const level = r.level || "warning";
        const key = level + " " + r.ruleId;
        counts[key] = (counts[key] || 0) + 1;
        if (level === "error" || level === "warning") {
          bad++;
          const where = ((r.locations || [])[0] || {}).physicalLocation || {};
          const line = (where.region || {}).startLine;
          console.log("  " + level + " " + r.ruleId + (line ? " at line " + line : "") + ": " +
            (r.message.text || r.message.id + " " + JSON.stringify(r.message.arguments || [])));
        }
      }
      for (const inv of run.invocations || []) {
        for (const n of [...(inv.toolExecutionNotifications || []), ...(inv.toolConfigurationNotifications || [])]) {
          if (n.level === "error") { bad++; console.log("  validator error: " + n.message.text); }
        }
      }
    }
    // Every log of abstracts gets notes at least (SARIF2003, SARIF2009): none
    // at all means the validator could not read the log, which it does not
    // always report (a result level outside the schema makes it say nothing).
    if (Object.keys(counts).length === 0) { bad++; console.log("  the validator reported nothing: it could not read the log"); }
    const summary = Object.entries(counts).sort().map(([k, n]) => n + " " + k).join(", ") || "nothing";
    console.log((bad ? "FAIL: " : "ok: ") + process.argv[2] + ": " + summary);
    process.exit(bad ? 1 : 0);
  ' "$out" "$(basename "$log")" || { grep -E ': (error|warning) ' "$out.console"; fail=1; }
done

if [ "$fail" -ne 0 ]; then echo "check.sh: FAILED"; exit 1; fi
echo "check.sh: the SARIF Multitool found no error and no warning in ${#logs[@]} logs"
