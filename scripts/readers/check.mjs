// Independent readers for one `abstracts export` output directory:
// DuckDB (@duckdb/node-api) reads papers.parquet and papers.jsonl, Arrow JS
// (apache-arrow) reads papers.arrow, and node itself reads the raw JSONL.
// The columns, their nullability and the type each reader must give them come
// from the record JSON Schema (`abstracts schema`, see schema-columns.mjs), so
// a new field needs no edit here. Every reader's rows must equal the JSONL's.
//
//   node check.mjs --schema-json FILE --dir DIR
//                  [--dump DUMP [--source PATH-AS-GIVEN] [--year 2024] [--rows 51]]
//                  [--capture PATH]... [--sample COL,COL...] [--nonnull COL,COL...]
//                  [--codec ZSTD|SNAPPY|GZIP|UNCOMPRESSED] [--arrow-codec NONE|ZSTD] [--style STYLE]
//
// --dump: DIR is the export of the bundled plain-text dump (testdata/hf-papers-mar14.txt
//   layout: title at line 11+4k, abstract two lines below); titles, abstracts,
//   positions, lines, label and date are also compared with the dump's text.
// --capture (repeatable): DIR is the export of these files, in this order, each
//   named on the command line exactly as given here; the file metadata must list
//   them with their SHA-256.
// --sample: columns printed for the first three rows, as DuckDB returns them.
// --nonnull: columns that must hold at least one non-null value.
// --style: the style every entry of the abstracts.sources metadata must name
//   (text, markdown, notebooklm, api); without it any style is accepted.
// Exits 1 on any mismatch, after printing every failure; 2 on a usage error.

import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DuckDBInstance, version as duckdbVersion } from '@duckdb/node-api';
import { tableFromIPC, compressionRegistry, CompressionType } from 'apache-arrow';
import { decompress as zstdDecompress } from 'fzstd';
import { schemaColumnsFromFile, duckColumnsArg, jsonValueFits, normValue } from './schema-columns.mjs';

// ---------------------------------------------------------------- arguments
const usage = 'usage: node check.mjs --schema-json FILE --dir DIR [--dump DUMP | --capture PATH...] [...]';
const args = { codec: 'ZSTD', 'arrow-codec': 'NONE', rows: '51', capture: [] };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i];
  if (!k.startsWith('--') || i + 1 >= process.argv.length) {
    console.error(`${usage} (bad argument ${k})`);
    process.exit(2);
  }
  if (k === '--capture') args.capture.push(process.argv[i + 1]);
  else args[k.slice(2)] = process.argv[i + 1];
}
if (!args.dir || !args['schema-json'] || (!args.dump) === (args.capture.length === 0)) {
  console.error(usage);
  process.exit(2);
}
const DIR = args.dir;
const DUMP_MODE = Boolean(args.dump);
const SOURCE = args.source ?? args.dump;
const YEAR = args.year && args.year !== 'none' ? args.year : null;
const PQ_CODEC = args.codec.toUpperCase();
const ARROW_CODEC = args['arrow-codec'].toUpperCase();
const list = (s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);
const SAMPLE = list(args.sample);
const NONNULL = list(args.nonnull);

// ------------------------------------------------------------------ expected
let schema, COLS;
try {
  ({ schema, columns: COLS } = schemaColumnsFromFile(args['schema-json']));
} catch (err) {
  console.error(`check.mjs: ${args['schema-json']}: ${err.message}`);
  process.exit(2);
}
const COLUMNS = COLS.map((c) => c.name);
const byName = Object.fromEntries(COLS.map((c) => [c.name, c]));
for (const c of [...SAMPLE, ...NONNULL]) {
  if (!byName[c]) {
    console.error(`check.mjs: --sample/--nonnull column ${c} is not in the schema`);
    process.exit(2);
  }
}
const DUCK_TYPES = Object.fromEntries(COLS.map((c) => [c.name, c.duck]));
const ARROW_TYPES = Object.fromEntries(COLS.map((c) => [c.name, c.arrow]));
const SCHEMA_VERSION_KEY = 'abstracts.schema_version';
const expectedSchemaVersion = schema['x-schema-version'];
const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
const expectedSources = DUMP_MODE
  ? [{ path: SOURCE, sha256: sha256(args.dump) }]
  : args.capture.map((p) => ({ path: p, sha256: sha256(p) }));

// ------------------------------------------------------------------ plumbing
const failures = [];
const report = [];
let checks = 0;
function check(cond, what) {
  checks++;
  if (!cond) failures.push(what);
  return cond;
}
function eq(actual, expected, what) {
  const a = String(JSON.stringify(actual)), e = String(JSON.stringify(expected));
  return check(a === e, `${what}: got ${a.slice(0, 300)}, want ${e.slice(0, 300)}`);
}
const note = (s) => report.push(s);
check(/^\d+\.\d+\.\d+$/.test(expectedSchemaVersion ?? ''), '`abstracts schema` x-schema-version');

// Normalise a row from any reader into the JSON values of the JSONL.
function norm(r) {
  return Object.fromEntries(COLS.map((c) => [c.name, normValue(c, r[c.name])]));
}

function sameRows(a, b, what) {
  let diffs = 0;
  if (a.length !== b.length) failures.push(`${what}: ${a.length} rows vs ${b.length}`);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const cols = COLUMNS.filter((c) => JSON.stringify(a[i][c]) !== JSON.stringify(b[i][c]));
    if (cols.length && diffs++ < 3) {
      const show = (v) => String(JSON.stringify(v)).slice(0, 120);
      failures.push(`${what}: row ${i + 1}: ${cols.map((c) => `${c} ${show(a[i][c])} vs ${show(b[i][c])}`).join('; ')}`);
    }
  }
  checks++;
  if (diffs === 0 && a.length === b.length) note(`  ${what}: all ${a.length} rows identical (all ${COLUMNS.length} columns; ${listTally(a)})`);
}

// "authors null 0/[] 1/list 25, ...": null, empty and filled values of the list columns.
function listTally(rows) {
  return COLS.filter((c) => c.kind === 'strings').map((c) => {
    const v = rows.map((r) => r[c.name]);
    const n = v.filter((x) => x === null).length, e = v.filter((x) => Array.isArray(x) && x.length === 0).length;
    return `${c.name} null ${n}/[] ${e}/list ${v.length - n - e}`;
  }).join(', ');
}

// ---------------------------------------------------------------- the dump
// Plain-text dump mode: the text of the bundled dump, read here without any
// code from the Go module.
const N = DUMP_MODE ? Number(args.rows) : null;
const dump = [];
if (DUMP_MODE) {
  const dumpLines = readFileSync(args.dump).toString('utf8').split('\n');
  for (let k = 0; k < N; k++) {
    const tl = 11 + 4 * k; // 1-based title line
    dump.push({ line: tl, title: dumpLines[tl - 1], abstract: dumpLines[tl + 1] });
    check(dumpLines[tl] === '', `dump line ${tl + 1} should be blank`);
  }
  check(dump.every((d) => d.title && d.abstract && !d.title.includes('\r') && !d.abstract.includes('\r')),
    'dump: every title/abstract line present, no CR');
}

// Row-level expectations against the dump's text (dump mode only).
function checkDumpRows(rows, who) {
  if (!DUMP_MODE) return;
  if (!eq(rows.length, N, `${who}: row count`)) return;
  let bad = 0;
  rows.forEach((r, k) => {
    const d = dump[k];
    const ok = r.title === d.title && r.abstract === d.abstract && r.position === k + 1 &&
      r.line === d.line && r.listing_label === 'Mar 14' && r.source === SOURCE &&
      r.listing_date === (YEAR ? `${YEAR}-03-14` : null) && /^[0-9a-f]{16}$/.test(r.id) &&
      Array.isArray(r.urls) && r.urls.every((u) => typeof u === 'string' && /^https?:\/\//.test(u)) &&
      (r.github_repo === null || typeof r.github_repo === 'string');
    if (!ok && bad++ < 5) {
      const diff = {
        title: r.title === d.title, abstract: r.abstract === d.abstract, position: r.position === k + 1,
        line: r.line === d.line, listing_label: r.listing_label, listing_date: r.listing_date,
        source: r.source, id: r.id, urls: r.urls,
      };
      failures.push(`${who}: row ${k + 1} (dump line ${d.line}) differs: ${JSON.stringify(diff).slice(0, 400)}`);
    }
  });
  checks++;
  const ac = rows[23];
  eq([ac.title.includes('AutoCoreset'), ac.urls, ac.github_repo],
    [true, ['https://github.com/alaamaalouf/AutoCoreset'], 'alaamaalouf/AutoCoreset'],
    `${who}: row 24 (AutoCoreset) title/urls/github_repo`);
  if (bad === 0) note(`  ${who}: ${rows.length} rows; title/abstract byte-equal to dump, position/line/label/date/source as expected`);
}

note(`== ${DIR}  (${DUMP_MODE ? `dump, year=${YEAR ?? 'none'}` : `captures: ${args.capture.length}`}, parquet codec ${PQ_CODEC}, arrow codec ${ARROW_CODEC})`);
note(`  schema ${expectedSchemaVersion}: ${COLS.map((c) => `${c.name} ${c.kind}${c.nullable ? '?' : ''}`).join(', ')}`);

// ------------------------------------------------------------ raw JSONL (node)
const jsonlText = readFileSync(join(DIR, 'papers.jsonl'), 'utf8');
check(jsonlText.endsWith('\n') && !jsonlText.includes('\r'), 'jsonl: \\n line endings, final newline, no CR');
const jsonlLines = jsonlText.slice(0, -1).split('\n');
check(!/\\u00(3c|3e|26)/i.test(jsonlText), 'jsonl: no HTML escaping (\\u003c/\\u003e/\\u0026)');
const rawRows = jsonlLines.map((l) => JSON.parse(l));
check(rawRows.every((r) => JSON.stringify(Object.keys(r)) === JSON.stringify(COLUMNS)),
  'jsonl: every line has exactly the schema keys in schema order');
{
  let bad = 0;
  rawRows.forEach((r, i) => {
    for (const c of COLS) {
      if (!jsonValueFits(c, r[c.name]) && bad++ < 5) {
        failures.push(`jsonl line ${i + 1}: ${c.name} ${JSON.stringify(r[c.name])?.slice(0, 80)} is not a ${c.kind}${c.nullable ? ' or null' : ''}`);
      }
    }
  });
  check(bad === 0, `jsonl: ${bad} values of the wrong JSON type`);
  if (bad === 0) note(`  JSON.parse(papers.jsonl): ${rawRows.length} rows; every value of its schema type, null only in nullable columns`);
}
const rawNorm = rawRows.map(norm);
checkDumpRows(rawNorm, 'JSON.parse(papers.jsonl)');
const ROWS = rawRows.length;
check(ROWS > 0, 'jsonl: at least one record');

// ------------------------------------------------------------------- DuckDB
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const q = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson();
const lit = (p) => `'${p.replaceAll("'", "''")}'`;
const PQ = lit(join(DIR, 'papers.parquet'));
const JL = lit(join(DIR, 'papers.jsonl'));
const duckVer = (await q('SELECT version() AS v'))[0].v;
const describe = async (from) => (await q(`DESCRIBE SELECT * FROM ${from}`));
const descLine = (desc) => desc.map((d) => `${d.column_name} ${d.column_type}`).join(', ');
const ident = (c) => `"${c.replaceAll('"', '""')}"`;

async function sample(from, who) {
  if (SAMPLE.length === 0) return;
  const sql = `SELECT ${SAMPLE.map(ident).join(', ')} FROM ${from} LIMIT 3`;
  const types = Object.fromEntries((await q(`DESCRIBE ${sql}`)).map((d) => [d.column_name, d.column_type]));
  const rows = await q(sql);
  note(`  ${who}: SELECT ${SAMPLE.join(', ')} ... LIMIT 3`);
  note(`    | ${SAMPLE.map((c) => `${c} ${types[c]}`).join(' | ')} |`);
  const show = (v) => (v === null ? 'NULL' : Array.isArray(v) ? JSON.stringify(v) : String(v));
  for (const r of rows) note(`    | ${SAMPLE.map((c) => show(r[c])).join(' | ')} |`);
}

{
  const desc = await describe(PQ);
  eq(desc.map((d) => d.column_name), COLUMNS, 'duckdb parquet: column order');
  eq(Object.fromEntries(desc.map((d) => [d.column_name, d.column_type])), DUCK_TYPES, 'duckdb parquet: column types');
  note(`  duckdb ${duckVer} DESCRIBE parquet: ${descLine(desc)}`);

  const ps = await q(`SELECT name, type, repetition_type, converted_type, logical_type, num_children FROM parquet_schema(${PQ})`);
  const top = ps.slice(1); // the root, then the columns in order, a LIST followed by its two inner nodes
  const leaf = {};
  for (let i = 0; i < top.length; i++) {
    leaf[top[i].name] = top[i];
    if (top[i].converted_type === 'LIST') i += 2;
  }
  for (const c of COLS) {
    eq(leaf[c.name]?.repetition_type, c.nullable ? 'OPTIONAL' : 'REQUIRED', `parquet_schema: ${c.name} repetition`);
    eq([leaf[c.name]?.type, leaf[c.name]?.converted_type], c.parquet, `parquet_schema: ${c.name} physical/converted type`);
    check(c.logical.test(leaf[c.name]?.logical_type ?? ''), `parquet_schema: ${c.name} logical type ${leaf[c.name]?.logical_type}, want ${c.logical}`);
    if (c.kind === 'strings') {
      // three-level LIST: <col> (LIST) -> repeated group list -> element
      const li = top.indexOf(leaf[c.name]);
      eq(top.slice(li + 1, li + 3).map((r) => [r.name, r.repetition_type, r.type, r.converted_type, r.logical_type]),
        [['list', 'REPEATED', null, null, null], ['element', 'REQUIRED', 'BYTE_ARRAY', 'UTF8', 'StringType()']],
        `parquet_schema: ${c.name} three-level LIST of REQUIRED STRING`);
    }
  }
  note(`  parquet_schema: OPTIONAL exactly ${COLS.filter((c) => c.nullable).map((c) => c.name).join(', ')}; ` +
    `${COLS.map((c) => `${c.name} ${c.parquet.filter(Boolean).join(' ')}`).join(', ')}`);

  const fm = (await q(`SELECT created_by, num_rows, num_row_groups FROM parquet_file_metadata(${PQ})`))[0];
  eq(Number(fm.num_rows), ROWS, 'parquet_file_metadata num_rows = JSONL lines');
  const codecs = (await q(`SELECT DISTINCT compression FROM parquet_metadata(${PQ}) ORDER BY 1`)).map((r) => r.compression);
  eq(codecs, [PQ_CODEC], 'parquet_metadata: codec of every column chunk');
  note(`  parquet_file_metadata: num_rows ${fm.num_rows}, row groups ${fm.num_row_groups}, created_by "${fm.created_by}"; parquet_metadata codecs: ${codecs.join(',')}`);

  const kv = Object.fromEntries((await q(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata(${PQ})`)).map((r) => [r.k, r.v]));
  eq(kv[SCHEMA_VERSION_KEY], expectedSchemaVersion, `parquet kv ${SCHEMA_VERSION_KEY}`);
  eq(kv['abstracts.schema_id'], schema.$id, 'parquet kv abstracts.schema_id');
  let sources = null;
  try { sources = JSON.parse(kv['abstracts.sources']); } catch { /* reported below */ }
  // each entry: the path as given and the SHA-256 of the input, its style
  // (text, markdown, notebooklm, api, ...) and what the capture says of itself
  eq(sources?.map((s) => ({ path: s.path, sha256: s.sha256 })), expectedSources, 'parquet kv abstracts.sources (path as given + sha256 of each input)');
  check(Array.isArray(sources) && sources.every((s) => typeof s.style === 'string' && (!args.style || s.style === args.style)),
    `parquet kv abstracts.sources: every entry has a style${args.style ? ` "${args.style}"` : ''}: ${JSON.stringify(sources?.map((s) => s.style))}`);
  note(`  parquet kv metadata: ${Object.entries(kv).map(([k, v]) => `${k}=${v}`).join('; ')}`);
  globalThis.parquetKV = kv;

  const pqRows = (await q(`SELECT * FROM ${PQ}`)).map(norm);
  checkDumpRows(pqRows, 'duckdb parquet');
  sameRows(pqRows, rawNorm, 'duckdb parquet vs JSON.parse(jsonl)');
  await sample(PQ, 'duckdb parquet');
  const present = COLUMNS.filter((c) => desc.some((d) => d.column_name === c)); // a missing one failed above
  const counts = (await q(`SELECT ${present.map((c) => `count(${ident(c)})::INT AS ${ident(c)}`).join(', ')} FROM ${PQ}`))[0];
  note(`  duckdb parquet: non-null values per column (of ${ROWS}): ${COLUMNS.map((c) => `${c} ${counts[c]}`).join(', ')}`);
  for (const c of NONNULL) check(counts[c] > 0, `duckdb parquet: ${c} is null in every row`);

  // JSONL read with the schema's types, as a user who knows the schema reads it.
  const JLT = `read_json(${JL}, format = 'newline_delimited', columns = ${duckColumnsArg(COLS)})`;
  const tdesc = await describe(JLT);
  eq(Object.fromEntries(tdesc.map((d) => [d.column_name, d.column_type])), DUCK_TYPES, 'duckdb read_json(columns = schema types): column types');
  note(`  duckdb DESCRIBE read_json(columns = schema types): ${descLine(tdesc)}`);
  const tRows = (await q(`SELECT * FROM ${JLT}`)).map(norm);
  sameRows(tRows, rawNorm, 'duckdb read_json(columns = schema types) vs JSON.parse(jsonl)');
  await sample(JLT, 'duckdb read_json(columns = schema types)');

  // JSONL with DuckDB's own type detection: integers come back as BIGINT, and
  // a column that is null in every row as JSON; values must still be equal.
  const jdesc = await describe(`read_json(${JL})`);
  eq(jdesc.map((d) => d.column_name), COLUMNS, 'duckdb read_json: column order');
  note(`  duckdb DESCRIBE read_json (detected): ${descLine(jdesc)}`);
  const detected = Object.fromEntries(jdesc.map((d) => [d.column_name, d.column_type]));
  const allowed = { string: ['VARCHAR'], date: ['DATE'], int32: ['INTEGER', 'BIGINT'], int64: ['BIGINT'], strings: ['VARCHAR[]'] };
  for (const c of COLS) {
    const allNull = counts[c.name] === 0;
    const ok = allowed[c.kind].includes(detected[c.name]) || (allNull && detected[c.name] === 'JSON') ||
      (c.kind === 'strings' && detected[c.name] === 'JSON[]' && rawRows.every((r) => r[c.name].length === 0));
    check(ok, `duckdb read_json: ${c.name} detected as ${detected[c.name]}, want ${allowed[c.kind].join(' or ')}${allNull ? ' (or JSON: null in every row)' : ''}`);
  }
  const jRows = (await q(`SELECT * FROM read_json(${JL})`)).map((r) => {
    for (const c of COLUMNS) if (detected[c] === 'JSON' && r[c] === 'null') r[c] = null;
    return norm(r);
  });
  checkDumpRows(jRows, 'duckdb read_json');
  sameRows(jRows, pqRows, 'duckdb read_json (detected) vs duckdb parquet');
}

// ----------------------------------------------------------------- Arrow JS
{
  const buf = readFileSync(join(DIR, 'papers.arrow'));
  const magic = 'ARROW1';
  check(buf.subarray(0, 6).toString('latin1') === magic && buf.subarray(buf.length - 6).toString('latin1') === magic,
    'arrow: IPC file format (ARROW1 magic at both ends)');
  let table;
  if (ARROW_CODEC === 'NONE') {
    table = tableFromIPC(buf); // no codec registered: must read as is
  } else {
    let err = null;
    try { tableFromIPC(buf); } catch (e) { err = e.message; }
    check(err && /compressed/.test(err), `arrow: ${ARROW_CODEC} file should need a codec (got ${err ?? 'no error'})`);
    check(ARROW_CODEC === 'ZSTD', `arrow: this script can only decode ZSTD, not ${ARROW_CODEC}`);
    compressionRegistry.set(CompressionType.ZSTD, { decode: (b) => zstdDecompress(b) });
    table = tableFromIPC(buf);
    note(`  arrow JS without codec: "${err}"; with fzstd registered for ZSTD: read OK`);
  }
  const fields = table.schema.fields;
  eq(fields.map((f) => f.name), COLUMNS, 'arrow: column order (same as parquet)');
  eq(Object.fromEntries(fields.map((f) => [f.name, String(f.type)])), ARROW_TYPES, 'arrow: column types');
  eq(Object.fromEntries(fields.map((f) => [f.name, f.nullable])),
    Object.fromEntries(COLS.map((c) => [c.name, c.nullable])), 'arrow: nullable flags');
  for (const c of COLS.filter((x) => x.kind === 'strings')) {
    const child = fields.find((f) => f.name === c.name)?.type.children?.[0];
    eq(child && [String(child.type), child.nullable], ['Utf8', false], `arrow: ${c.name} item Utf8 non-null (parquet element REQUIRED)`);
  }
  const meta = Object.fromEntries(table.schema.metadata);
  eq(meta[SCHEMA_VERSION_KEY], expectedSchemaVersion, `arrow schema metadata ${SCHEMA_VERSION_KEY}`);
  eq(meta, globalThis.parquetKV, 'arrow schema metadata equals parquet kv metadata');
  note(`  arrow JS (${ARROW_CODEC === 'NONE' ? 'uncompressed' : ARROW_CODEC + ' body'}): ${table.numRows} rows in ${table.batches.length} batch(es); ` +
    fields.map((f) => `${f.name} ${String(f.type)}${f.nullable ? ' nullable' : ''}`).join(', '));
  const arrowRows = [];
  for (let i = 0; i < table.numRows; i++) {
    const r = {};
    for (const c of COLUMNS) r[c] = table.getChild(c)?.get(i);
    arrowRows.push(norm(r));
  }
  checkDumpRows(arrowRows, 'arrow JS');
  sameRows(arrowRows, rawNorm, 'arrow JS vs JSON.parse(jsonl)');
}

// ------------------------------------------------------------------- report
const arrowVer = JSON.parse(readFileSync(new URL('./node_modules/apache-arrow/package.json', import.meta.url))).version;
note(`  versions: duckdb ${duckVer} (@duckdb/node-api ${duckdbVersion?.() ?? '?'}), apache-arrow ${arrowVer}, node ${process.version}`);
console.log(report.join('\n'));
if (failures.length) {
  console.log(`FAIL: ${failures.length} of ${checks} checks failed:`);
  for (const f of failures) console.log(`  - ${f}`);
  process.exit(1);
}
console.log(`OK: ${checks} checks passed`);
