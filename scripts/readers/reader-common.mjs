// Plumbing shared by the reader checks that compare one reader's rows with
// the JSONL of an `abstracts export` directory (check-polars.mjs,
// check-parquet-wasm.mjs, check-hyparquet.mjs): arguments, the reference
// rows (DIR/papers.jsonl read by node's JSON.parse), the columns and types
// from `abstracts schema` (schema-columns.mjs), and a field-by-field
// comparison that tells null from [] and keeps list order.
//
// Every check takes:   --schema-json FILE --dir DIR
// and prints one report, then "OK: N checks passed" or "FAIL: ..." (exit 1);
// exit 2 on a usage or setup error.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaColumnsFromFile, normValue } from './schema-columns.mjs';

export function parseArgs(argv, usage) {
  const args = {};
  for (let i = 2; i < argv.length; i += 2) {
    const k = argv[i];
    if (!k.startsWith('--') || i + 1 >= argv.length) {
      console.error(`${usage} (bad argument ${k})`);
      process.exit(2);
    }
    args[k.slice(2)] = argv[i + 1];
  }
  if (!args.dir || !args['schema-json']) {
    console.error(usage);
    process.exit(2);
  }
  return args;
}

/** The reader check of one export directory: failures, notes and the JSONL reference. */
export class ReaderCheck {
  constructor(name, args) {
    this.name = name;
    this.dir = args.dir;
    this.failures = [];
    this.report = [];
    this.checks = 0;
    try {
      ({ schema: this.schema, columns: this.cols } = schemaColumnsFromFile(args['schema-json']));
    } catch (err) {
      console.error(`${name}: ${args['schema-json']}: ${err.message}`);
      process.exit(2);
    }
    this.columns = this.cols.map((c) => c.name);
    this.schemaVersion = this.schema['x-schema-version'];
    const text = readFileSync(join(this.dir, 'papers.jsonl'), 'utf8');
    this.jsonl = text.split('\n').filter((l, i, a) => !(l === '' && i === a.length - 1)).map((l) => JSON.parse(l));
    this.reference = this.jsonl.map((r) => this.norm(r));
    this.check(this.jsonl.length > 0, 'JSON.parse(papers.jsonl): at least one record');
    this.note(`== ${this.dir}  (${name}; reference: JSON.parse of ${this.jsonl.length} JSONL lines, schema ${this.schemaVersion}, ${this.columns.length} columns)`);
  }

  path(file) { return join(this.dir, file); }

  check(cond, what) {
    this.checks++;
    if (!cond) this.failures.push(what);
    return cond;
  }

  eq(actual, expected, what) {
    const a = String(JSON.stringify(actual)), e = String(JSON.stringify(expected));
    return this.check(a === e, `${what}: got ${a.slice(0, 400)}, want ${e.slice(0, 400)}`);
  }

  note(s) { this.report.push(s); }

  /** A reader's row normalised to the JSON values of the JSONL (schema columns only). */
  norm(r) {
    return Object.fromEntries(this.cols.map((c) => [c.name, normValue(c, r[c.name])]));
  }

  /**
   * Compares a reader's rows, value by value in every schema column, with
   * the JSONL. rows: objects keyed by column name. Extra keys are failures.
   */
  compareRows(rows, who) {
    const ref = this.reference;
    this.check(rows.length === ref.length, `${who}: ${rows.length} rows, JSONL has ${ref.length}`);
    const extra = new Set();
    for (const r of rows) for (const k of Object.keys(r)) if (!this.columns.includes(k)) extra.add(k);
    this.check(extra.size === 0, `${who}: columns not in the schema: ${[...extra].join(', ')}`);
    const got = rows.map((r) => this.norm(r));
    const perColumn = {};
    const shown = [];
    for (let i = 0; i < Math.min(got.length, ref.length); i++) {
      for (const c of this.columns) {
        const a = JSON.stringify(got[i][c]), e = JSON.stringify(ref[i][c]);
        if (a !== e) {
          perColumn[c] = (perColumn[c] ?? 0) + 1;
          if (shown.length < 5) shown.push(`row ${i + 1} ${c}: ${String(a).slice(0, 160)} vs JSONL ${String(e).slice(0, 160)}`);
        }
      }
    }
    const bad = Object.keys(perColumn);
    this.check(bad.length === 0, `${who}: values differ from the JSONL in ${bad.map((c) => `${c} (${perColumn[c]} rows)`).join(', ')}; first: ${shown.join('; ')}`);
    if (bad.length === 0 && rows.length === ref.length) {
      this.note(`  ${who} vs JSON.parse(jsonl): all ${rows.length} rows x ${this.columns.length} columns identical` +
        ` (${this.listTally(got)})`);
    }
    return got;
  }

  /**
   * The key-value metadata of a binary file (an object): the schema version
   * and $id of the schema, and abstracts.sources listing, in order, the
   * sources of the JSONL records, each with a SHA-256 and a style.
   */
  checkFileMetadata(kv, who) {
    this.eq(kv['abstracts.schema_version'], this.schemaVersion, `${who}: metadata abstracts.schema_version`);
    this.eq(kv['abstracts.schema_id'], this.schema.$id, `${who}: metadata abstracts.schema_id`);
    this.check(typeof kv['abstracts.tool_version'] === 'string' && kv['abstracts.tool_version'] !== '', `${who}: metadata abstracts.tool_version`);
    let sources = null;
    try { sources = JSON.parse(kv['abstracts.sources']); } catch { /* reported below */ }
    const paths = [...new Set(this.jsonl.map((r) => r.source))];
    if (this.check(Array.isArray(sources), `${who}: metadata abstracts.sources is a JSON array (${String(kv['abstracts.sources']).slice(0, 80)})`)) {
      // a dump that gave no record is still listed, so compare the paths that did
      this.eq(sources.map((s) => s.path).filter((p) => paths.includes(p)), paths, `${who}: metadata abstracts.sources paths (the JSONL's sources in order)`);
      this.check(sources.every((s) => /^[0-9a-f]{64}$/.test(s.sha256) && typeof s.style === 'string'),
        `${who}: every abstracts.sources entry has a sha256 and a style: ${JSON.stringify(sources).slice(0, 200)}`);
      this.note(`  ${who}: metadata ${Object.keys(kv).join(', ')}; sources ${sources.map((s) => `${s.path.split('/').pop()} (${s.style})`).join(', ')}`);
    }
  }

  /** "authors null 0/[] 1/list 25 ..." for the list columns of normalised rows. */
  listTally(rows) {
    return this.cols.filter((c) => c.kind === 'strings').map((c) => {
      let n = 0, empty = 0, full = 0;
      for (const r of rows) {
        const v = r[c.name];
        if (v === null) n++;
        else if (Array.isArray(v) && v.length === 0) empty++;
        else full++;
      }
      return `${c.name} null ${n}/[] ${empty}/list ${full}`;
    }).join(', ');
  }

  /** Prints the report and exits: 1 on any failure. */
  finish() {
    console.log(this.report.join('\n'));
    if (this.failures.length) {
      console.log(`FAIL: ${this.failures.length} of ${this.checks} checks failed:`);
      for (const f of this.failures) console.log(`  - ${f}`);
      process.exit(1);
    }
    console.log(`OK: ${this.checks} checks passed`);
    process.exit(0);
  }
}

/** The version of an installed npm package. */
export function packageVersion(name) {
  const url = new URL(`./node_modules/${name}/package.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')).version;
}
