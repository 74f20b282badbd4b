// Checks that every record of an exported JSONL file passes the record
// JSON Schema under Ajv (draft 2020-12) with ajv-formats asserting
// "format": "uri" and "date", an independent validator whose formats are
// stricter than the Go one's: a URL with a non-ASCII character or a "["
// in its query, which Go's url.Parse accepts, fails here.
//
//   node check-ajv.mjs [--schema SCHEMA] FILE.jsonl...
//
// SCHEMA defaults to schema/record.schema.json of this repository. Prints
// each record that fails, by file and line, with Ajv's errors, then one
// summary line per file. Formats are asserted: Ajv runs in strict mode, which
// refuses a format it does not know, and each file's first valid record is
// checked to fail once each formatted property is given a value its format
// rejects. Exits 1 if any record fails or a format is not asserted, 2 on a
// setup error.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const ajvVersion = require('ajv/package.json').version;
const formatsVersion = require('ajv-formats/package.json').version;
let schemaPath = join(here, '..', '..', 'schema', 'record.schema.json');
const files = [];
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--schema') schemaPath = process.argv[++i];
  else files.push(process.argv[i]);
}
if (files.length === 0 || !schemaPath) {
  console.error('usage: node check-ajv.mjs [--schema SCHEMA] FILE.jsonl...');
  process.exit(2);
}

let validate;
let formatProbes;
try {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv); // full mode: "uri" is RFC 3986, "date" a real calendar day
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // strict mode refuses a format Ajv does not know, so every format is
  // asserted; it also refuses unknown keywords, so the schema's own
  // annotations ("x-schema-version") are declared as such.
  ajv.addVocabulary([...xKeywords(schema)]);
  validate = ajv.compile(schema);
  formatProbes = probes(schema);
} catch (err) {
  console.error(`check-ajv: ${schemaPath}: ${err.message}`);
  process.exit(2);
}

// The "x-" annotation keywords used anywhere in a schema.
function xKeywords(node, out = new Set()) {
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('x-')) out.add(k);
      xKeywords(v, out);
    }
  }
  return out;
}

// Values each format must reject, so that a run proves the formats are
// asserted rather than only annotated.
function badValue(format) {
  switch (format) {
    case 'date': return '2026-02-30';
    case 'uri': return 'https://ja.wikipedia.org/wiki/東京';
    default: throw new Error(`no known-bad value for format ${JSON.stringify(format)}`);
  }
}

// For each property with a format (on the value or on an array's items): a
// function that puts a value that format rejects into a valid record.
function probes(schema) {
  const out = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (prop.format) out.push({ what: `${name} (format ${prop.format})`, set: (r) => { r[name] = badValue(prop.format); } });
    if (prop.items?.format) out.push({ what: `${name}[] (format ${prop.items.format})`, set: (r) => { r[name] = [badValue(prop.items.format)]; } });
  }
  return out;
}

let failed = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`check-ajv: ${err.message}`);
    process.exit(2);
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let bad = 0;
  let firstValid = null;
  lines.forEach((line, i) => {
    let record;
    try {
      record = JSON.parse(line);
    } catch (err) {
      console.log(`${file}:${i + 1}: not JSON: ${err.message}`);
      bad++;
      return;
    }
    if (validate(record)) {
      firstValid ??= record;
    } else {
      bad++;
      for (const e of validate.errors) {
        const value = e.instancePath ? JSON.stringify(e.instancePath.split('/').slice(1).reduce((v, k) => v?.[k], record)) : '';
        console.log(`${file}:${i + 1}: ${e.instancePath || '/'} ${e.message} ${value}`);
      }
    }
  });
  console.log(`${file}: ${lines.length - bad} of ${lines.length} records pass the schema under Ajv ${ajvVersion} with ajv-formats ${formatsVersion}`);
  if (lines.length === 0) {
    console.log(`${file}: no records`);
    bad++;
  }
  if (firstValid) {
    const missed = formatProbes.filter((p) => {
      const r = structuredClone(firstValid);
      p.set(r);
      return validate(r);
    }).map((p) => p.what);
    if (missed.length) {
      console.log(`${file}: formats not asserted: a record with a bad ${missed.join(', ')} passes`);
      bad++;
    } else {
      console.log(`${file}: formats asserted: the first valid record fails once given a bad ${formatProbes.map((p) => p.what).join(', ')}`);
    }
  }
  failed += bad;
}
process.exit(failed > 0 ? 1 : 0);
