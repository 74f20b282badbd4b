// arrow-rs (the Rust parquet and arrow crates, through npm parquet-wasm) on
// the papers.parquet of one `abstracts export` directory: readParquet of the
// file's bytes, the Arrow table written out as an IPC stream
// (Table.intoIPCStream) and read back with Arrow JS (apache-arrow
// tableFromIPC). Every column must have the Arrow type and nullability that
// `abstracts schema` gives it (schema-columns.mjs: Utf8, Int32, Date32<DAY>,
// List<Utf8> with non-null Utf8 items), the schema metadata must carry the
// Parquet key-value metadata, and every value must equal the JSONL's, null
// apart from [] and lists in their order.
//
//   node check-parquet-wasm.mjs --schema-json FILE --dir DIR
//
// parquet-wasm's node build (parquet-wasm/node) loads its .wasm itself; it
// decodes every codec the export writes (ZSTD, SNAPPY, GZIP, none).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tableFromIPC } from 'apache-arrow';
import { parseArgs, ReaderCheck, packageVersion } from './reader-common.mjs';

const require = createRequire(import.meta.url);
const args = parseArgs(process.argv, 'usage: node check-parquet-wasm.mjs --schema-json FILE --dir DIR');
const rc = new ReaderCheck('arrow-rs via parquet-wasm', args);

let pw;
try {
  pw = require('parquet-wasm/node');
} catch (err) {
  console.error(`check-parquet-wasm: cannot load parquet-wasm/node: ${err.message}`);
  process.exit(2);
}
// The arrow-rs release compiled into the .wasm, from its crate paths.
const wasm = readFileSync(require.resolve('parquet-wasm/node/parquet_wasm_bg.wasm')).toString('latin1');
const arrowRs = wasm.match(/parquet-(\d+\.\d+\.\d+)/)?.[1] ?? '?';

const bytes = new Uint8Array(readFileSync(rc.path('papers.parquet')));
let table;
try {
  const wasmTable = pw.readParquet(bytes);
  table = tableFromIPC(wasmTable.intoIPCStream()); // consumes (frees) the wasm table
} catch (err) {
  rc.check(false, `readParquet: ${err.message ?? err}`);
}
if (table) {
  const fields = table.schema.fields;
  rc.eq(fields.map((f) => f.name), rc.columns, 'arrow-rs: column order');
  rc.eq(Object.fromEntries(fields.map((f) => [f.name, String(f.type)])),
    Object.fromEntries(rc.cols.map((c) => [c.name, c.arrow])), 'arrow-rs: column types');
  rc.eq(Object.fromEntries(fields.map((f) => [f.name, f.nullable])),
    Object.fromEntries(rc.cols.map((c) => [c.name, c.nullable])), 'arrow-rs: nullable flags (Parquet OPTIONAL)');
  for (const c of rc.cols.filter((x) => x.kind === 'strings')) {
    const child = fields.find((f) => f.name === c.name)?.type.children?.[0];
    rc.eq(child && [String(child.type), child.nullable], ['Utf8', false], `arrow-rs: ${c.name} item Utf8 non-null (Parquet element REQUIRED)`);
  }
  const meta = Object.fromEntries(table.schema.metadata);
  rc.checkFileMetadata(meta, 'arrow-rs schema');
  rc.note(`  arrow-rs readParquet -> IPC stream -> Arrow JS: ${table.numRows} rows in ${table.batches.length} batch(es); ` +
    fields.map((f) => `${f.name} ${String(f.type)}${f.nullable ? ' nullable' : ''}`).join(', '));
  const rows = [];
  for (let i = 0; i < table.numRows; i++) {
    const r = {};
    for (const f of fields) r[f.name] = table.getChild(f.name).get(i);
    rows.push(r);
  }
  rc.compareRows(rows, 'arrow-rs (parquet-wasm readParquet)');
}

rc.note(`  versions: parquet-wasm ${packageVersion('parquet-wasm')} (arrow-rs parquet ${arrowRs}), apache-arrow ${packageVersion('apache-arrow')}, node ${process.version}`);
rc.finish();
