// hyparquet (npm, a Parquet reader in plain JavaScript) on the
// papers.parquet of one `abstracts export` directory: parquetMetadataAsync
// for the file's schema and key-value metadata, parquetReadObjects for the
// rows. Every column must have the Parquet schema that `abstracts schema`
// gives it (schema-columns.mjs: physical and converted type, logical type,
// REQUIRED or OPTIONAL, lists as the three-level LIST of REQUIRED UTF8), and
// every value must equal the JSONL's, null apart from [] and lists in order.
//
//   node check-hyparquet.mjs --schema-json FILE --dir DIR
//
// hyparquet decodes SNAPPY (and uncompressed pages) by itself; any other
// codec throws "parquet unsupported compression codec: ZSTD" unless a
// decompressor is passed in `compressors` (the hyparquet-compressors package
// has them all). This script checks that error on the first read of a file
// that is not SNAPPY and then reads it with fzstd for ZSTD and node:zlib for
// GZIP.

import { gunzipSync } from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { decompress as zstdDecompress } from 'fzstd';
import { parseArgs, ReaderCheck, packageVersion } from './reader-common.mjs';

const args = parseArgs(process.argv, 'usage: node check-hyparquet.mjs --schema-json FILE --dir DIR');
const rc = new ReaderCheck('hyparquet', args);
const compressors = {
  ZSTD: (input, outputLength) => zstdDecompress(input, new Uint8Array(outputLength)),
  GZIP: (input) => new Uint8Array(gunzipSync(input)),
};

const file = await asyncBufferFromFile(rc.path('papers.parquet'));
const md = await parquetMetadataAsync(file);
rc.eq(Number(md.num_rows), rc.jsonl.length, 'hyparquet: num_rows = JSONL lines');
const codecs = [...new Set(md.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data.codec)))].sort();
const kv = Object.fromEntries((md.key_value_metadata ?? []).map(({ key, value }) => [key, value]));
rc.checkFileMetadata(kv, 'hyparquet key_value_metadata');

// The schema tree: every column's element, and a LIST's two inner levels.
const tree = parquetSchema(md);
rc.eq(tree.children.map((n) => n.element.name), rc.columns, 'hyparquet: column order');
const physical = {};
for (const c of rc.cols) {
  const node = tree.children.find((n) => n.element.name === c.name);
  if (!rc.check(node, `hyparquet: no column ${c.name}`)) continue;
  const e = node.element;
  physical[c.name] = `${e.repetition_type} ${e.type ?? 'group'} ${e.converted_type ?? ''} ${e.logical_type?.type ?? ''}`.trim();
  rc.eq(e.repetition_type, c.nullable ? 'OPTIONAL' : 'REQUIRED', `hyparquet: ${c.name} repetition`);
  rc.eq([e.type ?? null, e.converted_type], c.parquet, `hyparquet: ${c.name} physical/converted type`);
  const logical = { string: { type: 'STRING' }, date: { type: 'DATE' }, strings: { type: 'LIST' },
    int32: { type: 'INTEGER', bitWidth: 32, isSigned: true }, int64: { type: 'INTEGER', bitWidth: 64, isSigned: true } }[c.kind];
  rc.eq(e.logical_type, logical, `hyparquet: ${c.name} logical type`);
  if (c.kind === 'strings') {
    const list = node.children[0], item = list?.children[0];
    rc.eq([list?.element.name, list?.element.repetition_type, item?.element.name, item?.element.repetition_type,
      item?.element.type, item?.element.converted_type],
    ['list', 'REPEATED', 'element', 'REQUIRED', 'BYTE_ARRAY', 'UTF8'], `hyparquet: ${c.name} three-level LIST of REQUIRED UTF8`);
  }
}
rc.note(`  hyparquet metadata: ${md.num_rows} rows, ${md.row_groups.length} row group(s), codecs ${codecs.join(',')}, created_by "${md.created_by}"`);
rc.note(`  hyparquet schema: ${Object.entries(physical).map(([k, v]) => `${k} ${v}`).join(', ')}`);

// Without decompressors: only SNAPPY and uncompressed pages decode.
const builtin = codecs.every((c) => c === 'SNAPPY' || c === 'UNCOMPRESSED');
let rows;
try {
  rows = await parquetReadObjects({ file });
  rc.check(builtin, `hyparquet: read ${codecs.join(',')} without a decompressor (expected "unsupported compression codec")`);
} catch (err) {
  rc.check(!builtin && /unsupported compression codec/.test(err.message), `hyparquet parquetReadObjects: ${err.message}`);
  rc.note(`  hyparquet without compressors: "${err.message}"; with fzstd (ZSTD) and node:zlib (GZIP) passed as compressors:`);
  rows = await parquetReadObjects({ file, compressors });
}
rc.compareRows(rows, `hyparquet parquetReadObjects (${codecs.join(',')})`);

rc.note(`  versions: hyparquet ${packageVersion('hyparquet')}, fzstd ${packageVersion('fzstd')}, node ${process.version}`);
rc.finish();
