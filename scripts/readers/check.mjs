// Independent readers for one `abstracts export` output directory:
// DuckDB (@duckdb/node-api) reads papers.parquet and papers.jsonl, Arrow JS
// (apache-arrow) reads papers.arrow, and node itself reads the dump and the raw
// JSONL. Everything is compared against the dump's text, read here without any
// code from the Go module.
//
//   node check.mjs --dump DUMP --dir DIR [--source PATH-AS-GIVEN] [--year 2024]
//                  [--codec ZSTD|SNAPPY|GZIP|UNCOMPRESSED] [--arrow-codec NONE|ZSTD]
//                  [--rows 51] [--schema-json FILE]
//
// --schema-json is the output of `abstracts schema`; when given, its property
// order and x-schema-version must agree with what this script expects.
// Exits 1 on any mismatch, after printing every failure.

import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DuckDBInstance, version as duckdbVersion } from '@duckdb/node-api';
import { tableFromIPC, compressionRegistry, CompressionType } from 'apache-arrow';
import { decompress as zstdDecompress } from 'fzstd';

// ---------------------------------------------------------------- arguments
const args = { codec: 'ZSTD', 'arrow-codec': 'NONE', rows: '51' };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i];
  if (!k.startsWith('--') || i + 1 >= process.argv.length) {
    console.error(`usage: node check.mjs --dump DUMP --dir DIR [...] (bad argument ${k})`);
    process.exit(2);
  }
  args[k.slice(2)] = process.argv[i + 1];
}
if (!args.dump || !args.dir) {
  console.error('usage: node check.mjs --dump DUMP --dir DIR [...]');
  process.exit(2);
}
const DIR = args.dir;
const SOURCE = args.source ?? args.dump;
const YEAR = args.year && args.year !== 'none' ? args.year : null;
const PQ_CODEC = args.codec.toUpperCase();
const ARROW_CODEC = args['arrow-codec'].toUpperCase();
const N = Number(args.rows);

// ------------------------------------------------------------------ expected
const COLUMNS = ['id', 'title', 'abstract', 'position', 'listing_label', 'listing_date',
  'urls', 'github_repo', 'source', 'line'];
const NULLABLE = new Set(['listing_date', 'github_repo']);
const DUCK_TYPES = {
  id: 'VARCHAR', title: 'VARCHAR', abstract: 'VARCHAR', position: 'INTEGER',
  listing_label: 'VARCHAR', listing_date: 'DATE', urls: 'VARCHAR[]', github_repo: 'VARCHAR',
  source: 'VARCHAR', line: 'INTEGER',
};
const ARROW_TYPES = {
  id: 'Utf8', title: 'Utf8', abstract: 'Utf8', position: 'Int32', listing_label: 'Utf8',
  listing_date: 'Date32<DAY>', urls: 'List<Utf8>', github_repo: 'Utf8', source: 'Utf8', line: 'Int32',
};
const SCHEMA_VERSION_KEY = 'abstracts.schema_version';
let expectedSchemaVersion = '1.0.0';

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
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  return check(a === e, `${what}: got ${a.slice(0, 300)}, want ${e.slice(0, 300)}`);
}
const note = (s) => report.push(s);

// ---------------------------------------------------------------- the dump
const dumpBytes = readFileSync(args.dump);
const dumpLines = dumpBytes.toString('utf8').split('\n');
const dump = [];
for (let k = 0; k < N; k++) {
  const tl = 11 + 4 * k; // 1-based title line
  dump.push({ line: tl, title: dumpLines[tl - 1], abstract: dumpLines[tl + 1] });
  check(dumpLines[tl] === '', `dump line ${tl + 1} should be blank`);
}
check(dump.every((d) => d.title && d.abstract && !d.title.includes('\r') && !d.abstract.includes('\r')),
  'dump: every title/abstract line present, no CR');
const dumpSha = createHash('sha256').update(dumpBytes).digest('hex');

if (args['schema-json']) {
  const s = JSON.parse(readFileSync(args['schema-json'], 'utf8'));
  eq(Object.keys(s.properties), COLUMNS, '`abstracts schema` property order');
  eq(s.required, COLUMNS, '`abstracts schema` required order');
  expectedSchemaVersion = s['x-schema-version'];
  check(/^\d+\.\d+\.\d+$/.test(expectedSchemaVersion ?? ''), '`abstracts schema` x-schema-version');
}

// Normalise a row from any reader into plain JSON values.
function norm(r) {
  const o = {};
  for (const c of COLUMNS) {
    let v = r[c];
    if (v === undefined) v = '<<missing>>';
    else if (typeof v === 'bigint') v = Number(v);
    else if (c === 'listing_date' && v instanceof Date) v = v.toISOString().slice(0, 10);
    else if (c === 'listing_date' && typeof v === 'number') v = new Date(v).toISOString().slice(0, 10);
    else if (c === 'urls' && v !== null && typeof v !== 'string') v = Array.from(v, String);
    o[c] = v;
  }
  return o;
}

// Row-level expectations shared by every reader.
function checkRows(rows, who) {
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
      const diff = Object.fromEntries(Object.entries({
        title: r.title === d.title, abstract: r.abstract === d.abstract, position: r.position === k + 1,
        line: r.line === d.line, listing_label: r.listing_label, listing_date: r.listing_date,
        source: r.source, id: r.id, urls: r.urls,
      }));
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

function sameRows(a, b, what) {
  let diffs = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = JSON.stringify(a[i]), y = JSON.stringify(b[i]);
    if (x !== y && diffs++ < 3) failures.push(`${what}: row ${i + 1}: ${x?.slice(0, 200)} vs ${y?.slice(0, 200)}`);
  }
  checks++;
  if (diffs === 0) note(`  ${what}: all ${a.length} rows identical (all 10 columns)`);
}

note(`== ${DIR}  (year=${YEAR ?? 'none'}, parquet codec ${PQ_CODEC}, arrow codec ${ARROW_CODEC})`);

// ------------------------------------------------------------ raw JSONL (node)
const jsonlText = readFileSync(join(DIR, 'papers.jsonl'), 'utf8');
check(jsonlText.endsWith('\n') && !jsonlText.includes('\r'), 'jsonl: \\n line endings, final newline, no CR');
const jsonlLines = jsonlText.slice(0, -1).split('\n');
check(!/\\u00(3c|3e|26)/i.test(jsonlText), 'jsonl: no HTML escaping (\\u003c/\\u003e/\\u0026)');
const rawRows = jsonlLines.map((l) => JSON.parse(l));
check(rawRows.every((r) => JSON.stringify(Object.keys(r)) === JSON.stringify(COLUMNS)),
  'jsonl: every line has exactly the schema keys in schema order');
const rawNorm = rawRows.map(norm);
checkRows(rawNorm, 'JSON.parse(papers.jsonl)');

// ------------------------------------------------------------------- DuckDB
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const q = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson();
const lit = (p) => `'${p.replaceAll("'", "''")}'`;
const PQ = lit(join(DIR, 'papers.parquet'));
const JL = lit(join(DIR, 'papers.jsonl'));
const duckVer = (await q('SELECT version() AS v'))[0].v;

{
  const desc = await q(`DESCRIBE SELECT * FROM ${PQ}`);
  eq(desc.map((d) => d.column_name), COLUMNS, 'duckdb parquet: column order');
  eq(Object.fromEntries(desc.map((d) => [d.column_name, d.column_type])), DUCK_TYPES, 'duckdb parquet: column types');
  note(`  duckdb ${duckVer} DESCRIBE parquet: ${desc.map((d) => `${d.column_name} ${d.column_type}`).join(', ')}`);

  const ps = await q(`SELECT name, type, repetition_type, converted_type, logical_type, num_children FROM parquet_schema(${PQ})`);
  const leaf = Object.fromEntries(ps.map((r) => [r.name, r]));
  for (const c of COLUMNS) {
    eq(leaf[c]?.repetition_type, NULLABLE.has(c) ? 'OPTIONAL' : 'REQUIRED', `parquet_schema: ${c} repetition`);
  }
  for (const c of ['id', 'title', 'abstract', 'listing_label', 'github_repo', 'source']) {
    eq([leaf[c]?.type, leaf[c]?.logical_type], ['BYTE_ARRAY', 'StringType()'], `parquet_schema: ${c} is UTF8 STRING`);
  }
  eq([leaf.listing_date?.type, leaf.listing_date?.logical_type], ['INT32', 'DateType()'], 'parquet_schema: listing_date DATE');
  eq([leaf.position?.type, leaf.line?.type], ['INT32', 'INT32'], 'parquet_schema: position/line INT32');
  // three-level LIST: <urls> (LIST) -> repeated group list -> element
  const ui = ps.findIndex((r) => r.name === 'urls');
  eq(ps.slice(ui, ui + 3).map((r) => [r.name, r.repetition_type, r.type, r.logical_type]),
    [['urls', 'REQUIRED', null, 'ListType()'], ['list', 'REPEATED', null, null],
      ['element', 'REQUIRED', 'BYTE_ARRAY', 'StringType()']], 'parquet_schema: urls three-level LIST');
  note(`  parquet_schema: required except listing_date, github_repo (OPTIONAL); urls = REQUIRED LIST > REPEATED list > REQUIRED element (STRING); strings StringType(), date DateType(), ints INT32`);

  const fm = (await q(`SELECT created_by, num_rows, num_row_groups FROM parquet_file_metadata(${PQ})`))[0];
  eq(Number(fm.num_rows), N, 'parquet_file_metadata num_rows');
  const codecs = (await q(`SELECT DISTINCT compression FROM parquet_metadata(${PQ}) ORDER BY 1`)).map((r) => r.compression);
  eq(codecs, [PQ_CODEC], 'parquet_metadata: codec of every column chunk');
  note(`  parquet_file_metadata: num_rows ${fm.num_rows}, row groups ${fm.num_row_groups}, created_by "${fm.created_by}"; parquet_metadata codecs: ${codecs.join(',')}`);

  const kv = Object.fromEntries((await q(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata(${PQ})`)).map((r) => [r.k, r.v]));
  eq(kv[SCHEMA_VERSION_KEY], expectedSchemaVersion, `parquet kv ${SCHEMA_VERSION_KEY}`);
  let sources = null;
  try { sources = JSON.parse(kv['abstracts.sources']); } catch { /* reported below */ }
  eq(sources, [{ path: SOURCE, sha256: dumpSha }], 'parquet kv abstracts.sources (path + sha256 of dump)');
  note(`  parquet kv metadata: ${Object.entries(kv).map(([k, v]) => `${k}=${v}`).join('; ')}`);
  globalThis.parquetKV = kv;

  const pqRows = (await q(`SELECT * FROM ${PQ}`)).map(norm);
  const nulls = await q(`SELECT count(*) FILTER (listing_date IS NULL) AS nd, count(*) FILTER (github_repo IS NULL) AS ng,
    count(*) FILTER (len(urls) = 0) AS nu, min(listing_date)::VARCHAR AS mind, max(listing_date)::VARCHAR AS maxd FROM ${PQ}`);
  note(`  duckdb parquet: listing_date null in ${nulls[0].nd} rows (min ${nulls[0].mind}, max ${nulls[0].maxd}); github_repo null in ${nulls[0].ng}; empty urls in ${nulls[0].nu}`);
  checkRows(pqRows, 'duckdb parquet');
  sameRows(pqRows, rawNorm, 'duckdb parquet vs JSON.parse(jsonl)');

  const jdesc = await q(`DESCRIBE SELECT * FROM read_json(${JL})`);
  eq(jdesc.map((d) => d.column_name), COLUMNS, 'duckdb read_json: column order');
  note(`  duckdb DESCRIBE read_json: ${jdesc.map((d) => `${d.column_name} ${d.column_type}`).join(', ')}`);
  const jRows = (await q(`SELECT * FROM read_json(${JL})`)).map(norm);
  // read_json infers BIGINT for integers (getRowObjectsJson gives strings) and,
  // without --year, JSON for an all-null column; bring both back to plain values.
  for (const r of jRows) {
    r.position = Number(r.position); r.line = Number(r.line);
    if (r.listing_date === 'null') r.listing_date = null;
  }
  checkRows(jRows, 'duckdb read_json');
  sameRows(jRows, pqRows, 'duckdb read_json vs duckdb parquet');
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
    Object.fromEntries(COLUMNS.map((c) => [c, NULLABLE.has(c)])), 'arrow: nullable flags');
  const urlsChild = fields.find((f) => f.name === 'urls')?.type.children?.[0];
  eq(urlsChild && [String(urlsChild.type), urlsChild.nullable], ['Utf8', false], 'arrow: urls item Utf8 non-null (parquet element REQUIRED)');
  const meta = Object.fromEntries(table.schema.metadata);
  eq(meta[SCHEMA_VERSION_KEY], expectedSchemaVersion, `arrow schema metadata ${SCHEMA_VERSION_KEY}`);
  eq(meta, globalThis.parquetKV, 'arrow schema metadata equals parquet kv metadata');
  note(`  arrow JS (${ARROW_CODEC === 'NONE' ? 'uncompressed' : ARROW_CODEC + ' body'}): ${table.numRows} rows in ${table.batches.length} batch(es); ` +
    fields.map((f) => `${f.name} ${String(f.type)}${f.nullable ? ' nullable' : ''}`).join(', ') +
    `; urls item ${urlsChild ? String(urlsChild.type) + (urlsChild.nullable ? ' nullable' : ' non-null') : '?'}`);
  note(`  arrow schema metadata keys: ${Object.keys(meta).join(', ')}`);
  const arrowRows = [];
  for (let i = 0; i < table.numRows; i++) {
    const r = {};
    for (const c of COLUMNS) r[c] = table.getChild(c).get(i);
    arrowRows.push(norm(r));
  }
  checkRows(arrowRows, 'arrow JS');
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
