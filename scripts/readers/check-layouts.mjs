// Checks the folder layouts of `abstracts export` with DuckDB
// (@duckdb/node-api): the --layout hf shards read as one table, the
// --partition-by folders read as one table with hive_partitioning (the
// partition column back, typed DATE for listing_date and VARCHAR for
// source, escaped paths unescaped, null dates NULL), and gzip and zstd
// JSONL read by read_json.
//
//   node check-layouts.mjs --bin PATH-TO-abstracts [--dump DUMP]
//
// It runs the binary in a temporary folder (removed afterwards) on DUMP
// (default testdata/hf-papers-mar14.txt) and on a copy of it listed a day
// later, and on the captures of testdata/captures (hf layout, and by
// listing_date, which is null on all their pages), prints what DuckDB
// returned, and exits 1 on any mismatch. The column types expected come
// from `abstracts schema` (schema-columns.mjs).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, version as duckdbVersion } from '@duckdb/node-api';
import { schemaColumns } from './schema-columns.mjs';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
if (!args.bin) {
  console.error('usage: node check-layouts.mjs --bin PATH-TO-abstracts [--dump DUMP]');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const BIN = resolve(args.bin);
const DUMP = resolve(args.dump ?? join(here, '..', '..', 'testdata', 'hf-papers-mar14.txt'));

const failures = [];
const eq = (got, want, what) => {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  console.log(`${g === w ? 'ok  ' : 'FAIL'} ${what}: ${g}${g === w ? '' : ` (want ${w})`}`);
  if (g !== w) failures.push(what);
};

const tmp = mkdtempSync(join(tmpdir(), 'abstracts-layouts-'));
try {
  // Two dumps a day apart, under a folder so that source values hold a "/".
  mkdirSync(join(tmp, 'dumps'));
  const text = readFileSync(DUMP, 'utf8');
  const label = text.split('\n').find((l) => /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}$/.test(l));
  const [mon, day] = label.split(' ');
  const label2 = `${mon} ${Number(day) + 1}`;
  writeFileSync(join(tmp, 'dumps', 'day1.txt'), text);
  writeFileSync(join(tmp, 'dumps', 'day2.txt'), text.replace(new RegExp(`^${label}$`, 'm'), label2));
  const run = (...a) => execFileSync(BIN, ['export', '--quiet', ...a], { cwd: tmp, stdio: ['ignore', 'ignore', 'pipe'] });
  const dumps = ['dumps/day1.txt', 'dumps/day2.txt'];
  run('--out', 'flat', '--format', 'parquet', '--year', '2024', ...dumps);
  run('--out', 'hf', '--layout', 'hf', '--year', '2024', '--max-shard-size', '20KB', ...dumps);
  run('--out', 'bydate', '--partition-by', 'listing_date', '--year', '2024', '--jsonl-compression', 'gzip', ...dumps);
  run('--out', 'bysource', '--partition-by', 'source', '--format', 'parquet,jsonl', '--jsonl-compression', 'zstd', ...dumps);
  run('--out', 'nulls', '--partition-by', 'listing_date', '--format', 'parquet', ...dumps);

  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson();
  const one = async (sql) => (await rows(sql))[0];
  const types = async (from) => Object.fromEntries((await rows(`DESCRIBE SELECT * FROM ${from}`)).map((r) => [r.column_name, r.column_type]));
  console.log(`DuckDB ${duckdbVersion()}`);

  const flat = await one(`SELECT count(*)::INT AS n FROM read_parquet('${tmp}/flat/papers.parquet')`);
  const N = flat.n;
  // The DuckDB type of every column, from the binary's own record schema.
  const schema = JSON.parse(execFileSync(BIN, ['schema'], { encoding: 'utf8' }));
  const wantTypes = Object.fromEntries(schemaColumns(schema).map((c) => [c.name, c.duck]));
  const sorted = (o) => Object.fromEntries(Object.entries(o).sort());

  // --layout hf
  const shards = readdirSync(join(tmp, 'hf', 'data'));
  console.log(`hf shards: ${shards.join(' ')}`);
  const hf = `read_parquet('${tmp}/hf/data/*.parquet')`;
  eq((await one(`SELECT count(*)::INT AS n FROM ${hf}`)).n, N, 'hf: rows of data/*.parquet');
  eq(await types(hf), wantTypes, 'hf: column types');
  eq((await one(`SELECT count(*)::INT AS n FROM (SELECT * FROM ${hf} EXCEPT ALL SELECT * FROM read_parquet('${tmp}/flat/papers.parquet'))`)).n, 0,
    'hf: rows not in the flat export');
  const card = readFileSync(join(tmp, 'hf', 'README.md'), 'utf8');
  eq(Number(card.match(/^    num_examples: (\d+)$/m)?.[1]), N, 'hf: README num_examples');

  // --partition-by listing_date
  const bydate = `read_parquet('${tmp}/bydate/*/*.parquet', hive_partitioning=true)`;
  eq((await one(`SELECT count(*)::INT AS n FROM ${bydate}`)).n, N, 'by date: rows');
  eq(sorted(await types(bydate)), sorted(wantTypes), 'by date: column types (listing_date from the folder)');
  eq(await rows(`SELECT strftime(listing_date, '%Y-%m-%d') AS d, count(*)::INT AS n FROM ${bydate} GROUP BY d ORDER BY d`),
    await rows(`SELECT strftime(listing_date, '%Y-%m-%d') AS d, count(*)::INT AS n FROM read_parquet('${tmp}/flat/papers.parquet') GROUP BY d ORDER BY d`),
    'by date: rows per date');
  eq((await one(`SELECT count(*)::INT AS n FROM (SELECT id FROM ${bydate} GROUP BY id HAVING count(*) > 1)`)).n, N / 2,
    'by date: ids in both dumps (GROUP BY id HAVING count(*) > 1)');
  const gz = `read_json('${tmp}/bydate/*/*.jsonl.gz', hive_partitioning=true)`;
  eq(await one(`SELECT count(*)::INT AS n, any_value(typeof(listing_date)) AS t FROM ${gz}`), { n: N, t: 'DATE' }, 'by date: gzip JSONL rows and date type');

  // --partition-by source
  console.log(`by source folders: ${readdirSync(join(tmp, 'bysource')).join(' ')}`);
  const bysource = `read_parquet('${tmp}/bysource/*/*.parquet', hive_partitioning=true)`;
  eq(await rows(`SELECT source, typeof(source) AS t, count(*)::INT AS n FROM ${bysource} GROUP BY ALL ORDER BY source`),
    dumps.map((d) => ({ source: d, t: 'VARCHAR', n: N / 2 })), 'by source: unescaped sources and counts');
  const zst = `read_json('${tmp}/bysource/*/*.jsonl.zst', hive_partitioning=true)`;
  eq(await rows(`SELECT source, count(*)::INT AS n FROM ${zst} GROUP BY ALL ORDER BY source`),
    dumps.map((d) => ({ source: d, n: N / 2 })), 'by source: zstd JSONL');

  // null dates
  const nulls = `read_parquet('${tmp}/nulls/*/*.parquet', hive_partitioning=true)`;
  eq(await rows(`SELECT listing_date IS NULL AS null_date, count(*)::INT AS n FROM ${nulls} GROUP BY ALL`),
    [{ null_date: true, n: N }], 'no --year: __HIVE_DEFAULT_PARTITION__ reads as NULL');
  // With only that folder DuckDB cannot tell the partition column's type and
  // reads it as VARCHAR; hive_types names it.
  const nullTypes = await types(nulls);
  console.log(`no --year: listing_date detected from the folder as ${nullTypes.listing_date}`);
  const nullsTyped = `read_parquet('${tmp}/nulls/*/*.parquet', hive_partitioning = true, hive_types = {'listing_date': DATE})`;
  eq(sorted(await types(nullsTyped)), sorted(wantTypes), "no --year: column types with hive_types = {'listing_date': DATE}");

  // The real captures (search and trending pages: listing_date null in every
  // record) in the hf layout and partitioned by listing_date.
  const capDir = join(here, '..', '..', 'testdata', 'captures');
  // the capture files themselves: not SOURCES.md, nor the folders of other
  // inputs (api/ holds Papers API responses, which run.sh exports on their own)
  const captures = readdirSync(capDir).filter((f) => f !== 'SOURCES.md').sort().map((f) => join(capDir, f))
    .filter((p) => statSync(p).isFile());
  run('--out', 'cap-hf', '--layout', 'hf', ...captures);
  run('--out', 'cap-bydate', '--partition-by', 'listing_date', '--format', 'parquet', ...captures);
  const capFlat = `read_parquet('${tmp}/cap-hf/data/*.parquet')`;
  const capN = (await one(`SELECT count(*)::INT AS n FROM ${capFlat}`)).n;
  console.log(`captures: ${captures.length} files, ${capN} records`);
  eq(await types(capFlat), wantTypes, 'captures, hf layout: column types');
  const capTyped = `read_parquet('${tmp}/cap-bydate/*/*.parquet', hive_partitioning = true, hive_types = {'listing_date': DATE})`;
  eq(sorted(await types(capTyped)), sorted(wantTypes), "captures by date: column types with hive_types = {'listing_date': DATE}");
  eq((await one(`SELECT count(*)::INT AS n FROM (SELECT * EXCLUDE (listing_date) FROM ${capTyped} EXCEPT ALL SELECT * EXCLUDE (listing_date) FROM ${capFlat})`)).n, 0,
    'captures by date: rows not in the hf export');
  eq(await rows(`SELECT listing_date IS NULL AS null_date, count(*)::INT AS n FROM ${capTyped} GROUP BY ALL`),
    [{ null_date: true, n: capN }], 'captures by date: every listing_date NULL (search and trending pages)');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (failures.length) {
  console.log(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('all layout checks passed');
