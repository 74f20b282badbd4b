#!/usr/bin/env python3
"""pandas reader check for one `abstracts export` output directory.

    python3 check_pandas.py --schema-json FILE --dir DIR
        [--dump DUMP [--source PATH-AS-GIVEN] [--year 2024] [--rows 51]]

The columns, their nullability and their pandas dtypes come from the record
JSON Schema (the output of `abstracts schema`), so a new field needs no edit:

    JSON Schema                    read_json argument          dtype
    "string" (format none, uri)    dtype "string"              string (null <NA>)
    "string", "format": "date"     convert_dates               datetime64[ns] (null NaT)
    "integer" within int32         dtype "Int32"               Int32 (null <NA>)
    "integer", wider               dtype "Int64"               Int64
    "array" of "string"            dtype "object"              object (Python lists, null None)

DIR/papers.jsonl is read with those arguments (every dtype asserted), and as
each `pd.read_json(...)` call of README.md and docs/python.md reads it (their
dtype and convert_dates arguments are taken from the pages' code blocks, so a
page's reading is checked as written); each must give, for every row and column,
the value the stdlib json module reads: null (None) apart from [] and lists in
their order. A list column that no dtype names reads as object with NaN for a
null, or as float64 (all NaN) when it is null in every row: pandas infers the
type from the values; dtype "object" keeps it object with None. With --dump (the bundled plain-text dump: title at line
11+4k, abstract at 13+4k, 1-based) titles, abstracts, positions, lines, label
and date are also compared with the dump's text. When pyarrow is importable,
DIR/papers.parquet (pandas.read_parquet) and DIR/papers.arrow
(pandas.read_feather) are checked too; otherwise that is reported as skipped.
Exits 1 on any mismatch, 2 on a usage error.
"""
import argparse
import ast
import datetime
import json
import math
import os
import re
import sys

import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOC_PAGES = ["README.md", os.path.join("docs", "python.md")]


def doc_readings():
    """The keyword arguments (dtype, convert_dates, ...) of every pd.read_json call in DOC_PAGES."""
    out = []
    for page in DOC_PAGES:
        with open(os.path.join(ROOT, page), encoding="utf-8") as f:
            text = f.read()
        for m in re.finditer(r"pd\.read_json\(", text):
            depth, i = 0, m.end() - 1
            while True:  # to the matching parenthesis
                depth += {"(": 1, ")": -1}.get(text[i], 0)
                if depth == 0:
                    break
                i += 1
            call = ast.parse(text[m.start():i + 1], mode="eval").body
            kw = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
            kw.pop("lines", None)
            if kw not in [k for _, k in out]:
                out.append((f"{page} line {text.count(chr(10), 0, m.start()) + 1}", kw))
    return out


ap = argparse.ArgumentParser()
ap.add_argument("--schema-json", required=True)
ap.add_argument("--dir", required=True)
ap.add_argument("--dump")
ap.add_argument("--source")
ap.add_argument("--year", default="none")
ap.add_argument("--rows", type=int, default=51)
a = ap.parse_args()
source = a.source or a.dump
year = None if a.year in ("", "none") else a.year


def kind_of(name, prop):
    """The column kind of one schema property; an unmapped type is an error."""
    t = prop.get("type")
    t = t if isinstance(t, list) else [t]
    base = [x for x in t if x != "null"]
    if len(base) == 1 and base[0] == "string" and prop.get("format") in (None, "uri"):
        return "string"
    if len(base) == 1 and base[0] == "string" and prop.get("format") == "date":
        return "date"
    if len(base) == 1 and base[0] == "integer":
        narrow = prop.get("maximum", math.inf) <= 2**31 - 1 and prop.get("minimum", -math.inf) >= -(2**31)
        return "int32" if narrow else "int64"
    items = prop.get("items", {})
    if len(base) == 1 and base[0] == "array" and items.get("type") == "string" and items.get("format") in (None, "uri"):
        return "strings"
    sys.exit(f"check_pandas: schema property {name!r}: type {prop.get('type')!r} has no pandas mapping")


with open(a.schema_json, encoding="utf-8") as f:
    schema = json.load(f)
COLUMNS = list(schema["properties"])
if schema.get("required") != COLUMNS:
    sys.exit("check_pandas: the schema's required list is not its property list")
KIND = {c: kind_of(c, schema["properties"][c]) for c in COLUMNS}
READ_DTYPE = {c: {"string": "string", "int32": "Int32", "int64": "Int64", "strings": "object"}[k]
              for c, k in KIND.items() if k in ("string", "int32", "int64", "strings")}
READ_DATES = [c for c, k in KIND.items() if k == "date"]
WANT_DTYPE = {c: {"string": "string", "int32": "Int32", "int64": "Int64", "date": "datetime64[ns]",
                  "strings": "object"}[k] for c, k in KIND.items()}
DOC_READINGS = doc_readings()
for where, kw in DOC_READINGS:
    for c in list(kw.get("dtype", {})) + list(kw.get("convert_dates", [])):
        if c not in KIND:
            sys.exit(f"check_pandas: {where}: column {c!r} of pd.read_json is not in the schema")

failures, report = [], []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
    return cond


dump = []
if a.dump:
    with open(a.dump, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    dump = [(11 + 4 * k, lines[10 + 4 * k], lines[12 + 4 * k]) for k in range(a.rows)]


def plain(v):
    """pandas/numpy scalars and arrays -> plain Python values for comparison."""
    if v is None or v is pd.NaT or v is pd.NA:  # NaT is a datetime.date too: test it first
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


def check_frame(df, who, want_dtypes):
    check(list(df.columns) == COLUMNS, f"{who}: columns {list(df.columns)} != schema order {COLUMNS}")
    if want_dtypes:
        got = {c: str(df[c].dtype) for c in df.columns}
        check(got == WANT_DTYPE, f"{who}: dtypes {got}, want {WANT_DTYPE}")
    rows = [{c: plain(df[c].iloc[i]) for c in COLUMNS} for i in range(len(df))]
    if dump:
        bad = 0
        check(len(rows) == len(dump), f"{who}: {len(rows)} rows, want {len(dump)}")
        for k, (r, (line, title, abstract)) in enumerate(zip(rows, dump)):
            ok = (r["title"] == title and r["abstract"] == abstract and r["position"] == k + 1
                  and r["line"] == line and r["listing_label"] == "Mar 14" and r["source"] == source
                  and r["listing_date"] == (f"{year}-03-14" if year else None)
                  and isinstance(r["id"], str) and re.fullmatch(r"[0-9a-f]{16}", r["id"]))
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
    report.append(f"  {who}: {len(df)} rows; dtypes: {dtypes}" + ("; title/abstract equal to dump" if dump else ""))
    return rows


def same(rows, std, who, dtypes=None):
    """Every value equal to the stdlib json reading, of the same Python type.

    With dtypes (the frame's, for a documented reading): an integer column
    that the reading names no dtype for and that holds a null comes back
    float64 (152.0 for 152), pandas' NaN upcast; that is reported as the
    page's known limit, not failed, when every number is equal as a float.
    """
    diffs = [(i, c, r[c], s[c]) for i, (r, s) in enumerate(zip(rows, std)) for c in COLUMNS
             if r[c] != s[c] or type(r[c]) is not type(s[c])]
    upcast = {}
    if dtypes:
        for i, c, r, s in diffs:
            if KIND[c] in ("int32", "int64") and dtypes[c] == "float64" and isinstance(r, float) and r == s:
                upcast.setdefault(c, []).append((i, r, s))
        diffs = [d for d in diffs if d[1] not in upcast]
    check(len(rows) == len(std), f"{who}: {len(rows)} rows, JSONL has {len(std)}")
    for c, vals in upcast.items():
        report.append(f"  KNOWN LIMIT {who}: {c} reads as float64 ({len(vals)} of {len(std)} values: "
                      + ", ".join(f"row {i + 1} {r!r} for {s!r}" for i, r, s in vals[:3])
                      + f"): an integer column with nulls that the page names no dtype for; dtype {{'{c}': 'Int32'}} keeps it integer")
    if check(not diffs, f"{who}: {len(diffs)} values differ from the stdlib json reading, first "
                        + "; ".join(f"row {i + 1} {c} {r!r} vs {s!r}" for i, c, r, s in diffs[:3])):
        if upcast:
            report.append(f"  {who} vs stdlib json: all {len(std)} rows equal in value (all {len(COLUMNS)} columns), "
                          f"of the same Python type but for {', '.join(upcast)} (float)")
        else:
            report.append(f"  {who} vs stdlib json: all {len(std)} rows identical in value and Python type (all {len(COLUMNS)} columns)")


report.append(f"== {a.dir}  ({'dump, year=' + (year or 'none') if dump else 'capture export'})")
jsonl = os.path.join(a.dir, "papers.jsonl")
with open(jsonl, encoding="utf-8") as f:
    std = [json.loads(line) for line in f]
check(len(std) > 0, "jsonl: no records")

df = pd.read_json(jsonl, lines=True, dtype=READ_DTYPE, convert_dates=READ_DATES)
report.append(f"  schema-derived read_json(lines=True, dtype={READ_DTYPE}, convert_dates={READ_DATES})")
same(check_frame(df, "pandas.read_json(schema dtypes)", True), std, "pandas.read_json(schema dtypes)")
report.append("    head(3) of the integer and date columns: "
              + json.dumps([{c: plain(df[c].iloc[i]) for c in COLUMNS if KIND[c] in ("int32", "int64", "date")}
                            for i in range(min(3, len(df)))]))

for where, kw in DOC_READINGS:
    who = f"pandas.read_json as {where}"
    df = pd.read_json(jsonl, lines=True, **kw)
    report.append(f"  {who}: read_json(lines=True, {', '.join(f'{k}={v!r}' for k, v in kw.items())})")
    same(check_frame(df, who, False), std, who, {c: str(df[c].dtype) for c in df.columns})
    for c in kw.get("convert_dates", []):
        check(str(df[c].dtype).startswith("datetime64"), f"{who}: {c} is {df[c].dtype}, not datetime64")
    for c, k in KIND.items():
        if k == "strings" and c not in kw.get("dtype", {}):
            all_null = all(r[c] is None for r in std)
            check(str(df[c].dtype) == "object" or (all_null and str(df[c].dtype) == "float64"),
                  f"{who}: list column {c} is {df[c].dtype}")

try:
    import pyarrow  # noqa: F401
    have_pyarrow = pyarrow.__version__
except ImportError:
    have_pyarrow = None
if have_pyarrow:
    same(check_frame(pd.read_parquet(os.path.join(a.dir, "papers.parquet")), "pandas.read_parquet", False), std,
         "pandas.read_parquet")
    same(check_frame(pd.read_feather(os.path.join(a.dir, "papers.arrow")), "pandas.read_feather", False), std,
         "pandas.read_feather")
else:
    report.append("  pyarrow not importable: pandas.read_parquet / read_feather skipped")

import numpy  # noqa: E402
report.append(f"  versions: pandas {pd.__version__}, numpy {numpy.__version__}, pyarrow {have_pyarrow or 'absent'}, "
              f"python {sys.version.split()[0]} ({sys.executable})")
print("\n".join(report))
if failures:
    print(f"FAIL: {len(failures)} of {checks} checks failed:")
    for f in failures:
        print(f"  - {f}")
    sys.exit(1)
print(f"OK: {checks} checks passed")
