// Polars (npm nodejs-polars, pinned with its linux-x64-gnu binary) on one
// `abstracts export` directory: papers.parquet (readParquet of the path),
// papers.arrow (readIPC of a Buffer, and scanIPC of the path) and
// papers.jsonl (scanJson with the schema's types). Every column must have
// the Polars type that `abstracts schema` gives it (schema-columns.mjs:
// String, Int32, Date, List(String)) and every value must equal the JSONL's,
// null apart from [] and lists in their order.
//
//   node check-polars.mjs --schema-json FILE --dir DIR
//
// Limits of nodejs-polars 0.25.2 that this script works around, each probed
// on every run so that a release that fixes one is noticed:
//   - readIPC(path) takes a string for a path only when it ends in ".ipc"
//     (bin/io.js: isPath(pathOrBody, [".ipc"])); any other string, such as
//     ".../papers.arrow", is parsed as the IPC bytes themselves and fails with
//     "out-of-spec: InvalidFooter". readIPC(readFileSync(path)) and
//     scanIPC(path) read the same file.
//   - readJSON(path, { format: "lines" }) throws "method is not a function"
//     (the native binding has no readJsonLines); scanJson(path) reads JSONL.
//   - JSONL carries no types: scanJson infers Int64 for the counts, String for
//     the dates and Null for a column that is null in every row, so it is
//     given the schema's types (as a user who knows the schema would).

import { readFileSync } from 'node:fs';
import pl from 'nodejs-polars';
import { parseArgs, ReaderCheck, packageVersion } from './reader-common.mjs';

const args = parseArgs(process.argv, 'usage: node check-polars.mjs --schema-json FILE --dir DIR');
const rc = new ReaderCheck('Polars', args);
const want = Object.fromEntries(rc.cols.map((c) => [c.name, `DataType(${c.polars === 'List(String)' ? 'List(DataType(String))' : c.polars})`]));
const dtypeOf = { String: pl.String ?? pl.Utf8, Date: pl.Date, Int32: pl.Int32, Int64: pl.Int64, 'List(String)': pl.List(pl.String ?? pl.Utf8) };
const POLARS_SCHEMA = Object.fromEntries(rc.cols.map((c) => [c.name, dtypeOf[c.polars]]));

// DataType(List(DataType(String))) -> List(String)
function pretty(t) {
  let n = 0;
  const s = t.replace(/DataType\(/g, () => { n++; return ''; });
  return s.slice(0, s.length - n);
}

function frame(df, who) {
  const types = Object.fromEntries(Object.entries(df.schema).map(([k, v]) => [k, String(v)]));
  rc.eq(df.columns, rc.columns, `${who}: column order`);
  rc.eq(types, want, `${who}: column types`);
  rc.note(`  ${who}: shape ${df.height}x${df.width}; ${Object.entries(types).map(([k, v]) => `${k} ${pretty(v)}`).join(', ')}`);
  rc.compareRows(df.toRecords(), who);
}

const tryRead = (f) => { try { return { df: f() }; } catch (err) { return { err: String(err.message ?? err) }; } };

// Parquet: the path (ends in .parquet, so readParquet takes it as a path) and a Buffer.
const pq = rc.path('papers.parquet');
{
  const r = tryRead(() => pl.readParquet(pq));
  if (rc.check(r.df, `readParquet(path): ${r.err}`)) frame(r.df, 'readParquet(path)');
  const b = tryRead(() => pl.readParquet(readFileSync(pq)));
  if (rc.check(b.df, `readParquet(Buffer): ${b.err}`)) {
    rc.check(b.df.frameEqual(r.df ?? b.df, true), 'readParquet(Buffer) equals readParquet(path) (frameEqual, nulls equal)');
  }
}

// Arrow IPC file: a Buffer, and scanIPC of the path.
const arrow = rc.path('papers.arrow');
{
  const r = tryRead(() => pl.readIPC(readFileSync(arrow)));
  if (rc.check(r.df, `readIPC(Buffer): ${r.err}`)) frame(r.df, 'readIPC(Buffer)');
  const s = tryRead(() => pl.scanIPC(arrow).collectSync());
  if (rc.check(s.df, `scanIPC(path).collectSync(): ${s.err}`)) frame(s.df, 'scanIPC(path).collectSync()');
  // The known limit: a path that does not end in .ipc is read as IPC bytes.
  const p = tryRead(() => pl.readIPC(arrow));
  if (p.df) {
    rc.note('  readIPC(path of papers.arrow): reads now (the ".ipc only" limit is gone); compared too');
    frame(p.df, 'readIPC(path)');
  } else {
    rc.check(/InvalidFooter/.test(p.err), `readIPC(path): unexpected error ${p.err}`);
    rc.note(`  readIPC(path of papers.arrow): "${p.err}" (known limit: only a path ending in .ipc is taken as a path)`);
  }
}

// JSONL with the schema's types.
{
  const jl = rc.path('papers.jsonl');
  const r = tryRead(() => pl.scanJson(jl, { schema: POLARS_SCHEMA }).collectSync());
  if (rc.check(r.df, `scanJson(path, { schema }): ${r.err}`)) frame(r.df, 'scanJson(path, { schema: schema types })');
  const l = tryRead(() => pl.readJSON(jl, { format: 'lines' }));
  if (l.df) rc.note('  readJSON(path, { format: "lines" }): reads now (was "method is not a function")');
  else rc.note(`  readJSON(path, { format: "lines" }): "${l.err}" (known limit; scanJson used)`);
}

rc.note(`  versions: nodejs-polars ${packageVersion('nodejs-polars')}, nodejs-polars-linux-x64-gnu ${packageVersion('nodejs-polars-linux-x64-gnu')}, node ${process.version}`);
rc.finish();
