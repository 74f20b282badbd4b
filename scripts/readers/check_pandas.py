#!/usr/bin/env python3
"""pandas reader check for one `abstracts export` output directory.

    python3 check_pandas.py --dump DUMP --dir DIR [--source PATH-AS-GIVEN] [--year 2024] [--rows 51]

Reads DIR/papers.jsonl with pandas.read_json(lines=True, dtype={"id": str},
convert_dates=["listing_date"]), as docs/python.md shows it, and
compares it with the dump (title at line 11+4k, abstract at 13+4k, 1-based) and
with the stdlib json module's reading of the same file. When pyarrow is
importable, DIR/papers.parquet (pandas.read_parquet) and DIR/papers.arrow
(pandas.read_feather) are checked too; otherwise that is reported as skipped.
Exits 1 on any mismatch.
"""
import argparse
import datetime
import json
import math
import os
import re
import sys

import pandas as pd

COLUMNS = ["id", "title", "abstract", "position", "listing_label", "listing_date",
           "urls", "github_repo", "source", "line"]

ap = argparse.ArgumentParser()
ap.add_argument("--dump", required=True)
ap.add_argument("--dir", required=True)
ap.add_argument("--source")
ap.add_argument("--year", default="none")
ap.add_argument("--rows", type=int, default=51)
a = ap.parse_args()
source = a.source or a.dump
year = None if a.year in ("", "none") else a.year
N = a.rows

failures, report = [], []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
    return cond


with open(a.dump, encoding="utf-8", newline="") as f:
    lines = f.read().split("\n")
dump = [(11 + 4 * k, lines[10 + 4 * k], lines[12 + 4 * k]) for k in range(N)]


def plain(v):
    """pandas/numpy scalars and arrays -> plain Python values for comparison."""
    if v is None or v is pd.NaT:  # NaT is a datetime.date too: test it first
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    if hasattr(v, "tolist") and not isinstance(v, str):  # numpy scalar or array
        v = v.tolist()
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def check_frame(df, who):
    check(list(df.columns) == COLUMNS, f"{who}: columns {list(df.columns)} != schema order {COLUMNS}")
    if not check(len(df) == N, f"{who}: {len(df)} rows, want {N}"):
        return []
    rows = [{c: plain(df[c].iloc[i]) for c in COLUMNS} for i in range(len(df))]
    bad = 0
    for k, (r, (line, title, abstract)) in enumerate(zip(rows, dump)):
        ok = (r["title"] == title and r["abstract"] == abstract and r["position"] == k + 1
              and r["line"] == line and r["listing_label"] == "Mar 14" and r["source"] == source
              and r["listing_date"] == (f"{year}-03-14" if year else None)
              and isinstance(r["id"], str) and re.fullmatch(r"[0-9a-f]{16}", r["id"])
              and isinstance(r["urls"], list) and all(isinstance(u, str) for u in r["urls"])
              and (r["github_repo"] is None or isinstance(r["github_repo"], str)))
        if not ok:
            bad += 1
            if bad <= 5:
                failures.append(f"{who}: row {k + 1} (dump line {line}) differs: "
                                f"title_eq={r['title'] == title} abstract_eq={r['abstract'] == abstract} "
                                f"{ {c: r[c] for c in COLUMNS if c not in ('title', 'abstract')} }"[:500])
    check(bad == 0, f"{who}: {bad} rows differ from the dump")
    ac = rows[23]
    check("AutoCoreset" in ac["title"] and ac["urls"] == ["https://github.com/alaamaalouf/AutoCoreset"]
          and ac["github_repo"] == "alaamaalouf/AutoCoreset", f"{who}: row 24 (AutoCoreset) {ac['urls']} {ac['github_repo']}")
    dtypes = ", ".join(f"{c} {df[c].dtype}" for c in df.columns)
    nd = sum(r["listing_date"] is None for r in rows)
    report.append(f"  {who}: {len(df)} rows; dtypes: {dtypes}; listing_date null in {nd} rows, "
                  f"types {sorted({type(df['listing_date'].iloc[i]).__name__ for i in range(len(df))})}; "
                  f"urls element types {sorted({type(df['urls'].iloc[i]).__name__ for i in range(len(df))})}"
                  + ("; title/abstract equal to dump" if bad == 0 else ""))
    return rows


report.append(f"== {a.dir}  (year={year or 'none'})")
jsonl = os.path.join(a.dir, "papers.jsonl")
df = pd.read_json(jsonl, lines=True, dtype={"id": str}, convert_dates=["listing_date"])
rows = check_frame(df, "pandas.read_json(lines=True)")
check(str(df["listing_date"].dtype).startswith("datetime64"),
      f"pandas.read_json: listing_date is {df['listing_date'].dtype}, not datetime64")

with open(jsonl, encoding="utf-8") as f:
    std = [json.loads(line) for line in f]
check(rows == std, "pandas.read_json rows differ from stdlib json rows")
if rows == std:
    report.append(f"  pandas.read_json vs stdlib json: all {len(std)} rows identical (all 10 columns)")

try:
    import pyarrow  # noqa: F401
    have_pyarrow = pyarrow.__version__
except ImportError:
    have_pyarrow = None
if have_pyarrow:
    pq = check_frame(pd.read_parquet(os.path.join(a.dir, "papers.parquet")), "pandas.read_parquet")
    check(pq == std, "pandas.read_parquet rows differ from JSONL")
    ar = check_frame(pd.read_feather(os.path.join(a.dir, "papers.arrow")), "pandas.read_feather")
    check(ar == std, "pandas.read_feather rows differ from JSONL")
else:
    report.append("  pyarrow not importable: pandas.read_parquet / read_feather skipped")

import numpy
report.append(f"  versions: pandas {pd.__version__}, numpy {numpy.__version__}, pyarrow {have_pyarrow or 'absent'}, "
              f"python {sys.version.split()[0]} ({sys.executable})")
print("\n".join(report))
if failures:
    print(f"FAIL: {len(failures)} of {checks} checks failed:")
    for f in failures:
        print(f"  - {f}")
    sys.exit(1)
print(f"OK: {checks} checks passed")
