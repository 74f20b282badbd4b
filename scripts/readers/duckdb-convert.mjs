// Time DuckDB turning a JSONL file into one zstd Parquet file: the
// reference the end-to-end benchmark compares `abstracts export` with.
//
// Usage: node scripts/readers/duckdb-convert.mjs IN.jsonl OUT.parquet
// Prints the wall time in seconds on standard output.
import { DuckDBInstance } from "@duckdb/node-api";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: duckdb-convert.mjs IN.jsonl OUT.parquet");
  process.exit(2);
}
const quote = (s) => "'" + s.replaceAll("'", "''") + "'";
const instance = await DuckDBInstance.create(":memory:");
const db = await instance.connect();
const start = performance.now();
await db.run(`COPY (SELECT * FROM read_json(${quote(input)}, format = 'newline_delimited'))
  TO ${quote(output)} (FORMAT parquet, COMPRESSION zstd)`);
console.log(((performance.now() - start) / 1000).toFixed(2));
