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
// summary line per file; exits 1 if any record fails, 2 on a setup error.

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
try {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv); // full mode: "uri" is RFC 3986, "date" a real calendar day
  validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
} catch (err) {
  console.error(`check-ajv: ${schemaPath}: ${err.message}`);
  process.exit(2);
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
  lines.forEach((line, i) => {
    let record;
    try {
      record = JSON.parse(line);
    } catch (err) {
      console.log(`${file}:${i + 1}: not JSON: ${err.message}`);
      bad++;
      return;
    }
    if (!validate(record)) {
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
  failed += bad;
}
process.exit(failed > 0 ? 1 : 0);
